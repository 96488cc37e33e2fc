namespace MpcWallet.Ethereum.Abi;

/// <summary>bool: encoded as a uint8 restricted to 0 and 1. Values are <see cref="bool"/>.</summary>
public sealed class AbiBoolType : AbiType
{
    private AbiBoolType()
    {
    }

    public static AbiBoolType Instance { get; } = new();

    public override string CanonicalName => "bool";

    public override bool IsDynamic => false;

    internal override int HeadSize => 32;
}
