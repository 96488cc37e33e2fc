namespace MpcWallet.Ethereum.Abi;

/// <summary>bytes: a length word, then the bytes zero-padded to a multiple of 32. Values are byte arrays.</summary>
public sealed class AbiBytesType : AbiType
{
    private AbiBytesType()
    {
    }

    public static AbiBytesType Instance { get; } = new();

    public override string CanonicalName => "bytes";

    public override bool IsDynamic => true;

    internal override int HeadSize => 32;
}
