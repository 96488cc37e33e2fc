namespace MpcWallet.Ethereum.Abi;

/// <summary>A named slot of a function, error, event or tuple: its type, its name (may be empty) and, for events, whether it is indexed.</summary>
public sealed record AbiParameter(string Name, AbiType Type, bool Indexed = false)
{
    public override string ToString() => Name.Length == 0 ? Type.CanonicalName : Type.CanonicalName + " " + Name;
}
