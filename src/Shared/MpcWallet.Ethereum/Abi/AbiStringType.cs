namespace MpcWallet.Ethereum.Abi;

/// <summary>string: encoded as bytes holding UTF-8. Decoding refuses invalid UTF-8 rather than replacing it.</summary>
public sealed class AbiStringType : AbiType
{
    private AbiStringType()
    {
    }

    public static AbiStringType Instance { get; } = new();

    public override string CanonicalName => "string";

    public override bool IsDynamic => true;

    internal override int HeadSize => 32;
}
