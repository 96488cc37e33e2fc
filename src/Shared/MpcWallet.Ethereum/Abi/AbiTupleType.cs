namespace MpcWallet.Ethereum.Abi;

/// <summary>
/// (T1,…,Tk), k ≥ 1: a Solidity struct. Components keep their names (for JSON objects and messages) but the
/// canonical name lists only the types. Values are lists with one value per component.
/// </summary>
public sealed class AbiTupleType : AbiType
{
    private readonly int _headSize;

    public AbiTupleType(IEnumerable<AbiParameter> components)
    {
        ArgumentNullException.ThrowIfNull(components);
        Components = components.ToArray();
        if (Components.Count == 0)
        {
            throw new AbiException("A tuple type has at least one component.");
        }

        CanonicalName = "(" + string.Join(",", Components.Select(c => c.Type.CanonicalName)) + ")";
        IsDynamic = Components.Any(c => c.Type.IsDynamic);
        if (IsDynamic)
        {
            _headSize = 32;
        }
        else
        {
            var size = Components.Sum(c => (long)c.Type.HeadSize);
            _headSize = size <= MaxStaticSize ? (int)size : throw new AbiException($"{CanonicalName} is larger than {MaxStaticSize} bytes.");
        }
    }

    public IReadOnlyList<AbiParameter> Components { get; }

    public override string CanonicalName { get; }

    public override bool IsDynamic { get; }

    internal override int HeadSize => _headSize;
}
