using System.Globalization;

namespace MpcWallet.Ethereum.Abi;

/// <summary>
/// T[k] (fixed length: encoded like a tuple of k T's) or T[] (dynamic: a length word, then that tuple). Values are
/// lists of element values.
/// </summary>
public sealed class AbiArrayType : AbiType
{
    private readonly int _headSize;

    /// <param name="element">The element type.</param>
    /// <param name="length">The fixed length k ≥ 1, or null for a dynamic array.</param>
    public AbiArrayType(AbiType element, int? length)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (length is < 1)
        {
            throw new AbiException("A fixed-size array has at least one element.");
        }

        Element = element;
        Length = length;
        CanonicalName = element.CanonicalName + "[" + (length?.ToString(CultureInfo.InvariantCulture) ?? "") + "]";
        if (IsDynamic)
        {
            _headSize = 32;
        }
        else
        {
            var size = (long)element.HeadSize * length!.Value;
            _headSize = size <= MaxStaticSize ? (int)size : throw new AbiException($"{CanonicalName} is larger than {MaxStaticSize} bytes.");
        }
    }

    public AbiType Element { get; }

    /// <summary>The fixed length, or null for T[].</summary>
    public int? Length { get; }

    public override string CanonicalName { get; }

    public override bool IsDynamic => Length is null || Element.IsDynamic;

    internal override int HeadSize => _headSize;
}
