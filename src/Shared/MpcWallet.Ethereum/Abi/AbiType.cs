namespace MpcWallet.Ethereum.Abi;

/// <summary>
/// A Solidity ABI type: <see cref="AbiIntegerType"/> (uint&lt;M&gt;/int&lt;M&gt;), <see cref="AbiAddressType"/>,
/// <see cref="AbiBoolType"/>, <see cref="AbiFixedBytesType"/> (bytes&lt;M&gt;), <see cref="AbiBytesType"/>,
/// <see cref="AbiStringType"/>, <see cref="AbiArrayType"/> (T[k] and T[]) and <see cref="AbiTupleType"/>.
/// Two types are equal when their canonical names are (component names do not matter to the encoding).
/// </summary>
public abstract class AbiType : IEquatable<AbiType>
{
    /// <summary>A static value larger than this is refused: nothing real needs it, and it bounds allocations.</summary>
    internal const int MaxStaticSize = 1 << 24;

    private protected AbiType()
    {
    }

    /// <summary>The form used in signatures: "uint256", "bytes32[2]", "(address,uint256)[]".</summary>
    public abstract string CanonicalName { get; }

    /// <summary>Dynamic types are encoded out of place, behind an offset: bytes, string, T[], and anything containing one.</summary>
    public abstract bool IsDynamic { get; }

    /// <summary>Bytes the type takes in its enclosing head: 32 for a dynamic type (the offset), else its whole encoding.</summary>
    internal abstract int HeadSize { get; }

    /// <summary>
    /// Parses a type as written in a signature or a JSON ABI "type": canonical names, the aliases uint/int
    /// (= uint256/int256), and tuples as "(T1,T2)" or "tuple(T1 name,T2)", with array suffixes.
    /// </summary>
    public static AbiType Parse(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return AbiSignatureParser.ParseType(type);
    }

    public bool Equals(AbiType? other) => other is not null && string.Equals(CanonicalName, other.CanonicalName, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as AbiType);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(CanonicalName);

    public override string ToString() => CanonicalName;

    public static bool operator ==(AbiType? left, AbiType? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(AbiType? left, AbiType? right) => !(left == right);
}
