using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Wire;

namespace MpcWallet.Mpc.Ot;

/// <summary>
/// Endemic OT, sender → receiver: B_i = b_i·G for each of the 256 OTs. Wire form: 256 compressed points, no header.
/// </summary>
public sealed class BaseOtSenderMessage
{
    public const int EncodedLength = OtParameters.BaseOtCount * Point.EncodedLength;

    private readonly Point[] _b;

    internal BaseOtSenderMessage(Point[] b)
    {
        if (b.Length != OtParameters.BaseOtCount)
        {
            throw new ArgumentException("a base-OT sender message has exactly 256 points");
        }

        if (b.Any(p => p.IsIdentity))
        {
            throw new ArgumentException("a base-OT sender message cannot contain the identity");
        }

        _b = b;
    }

    internal Point[] B => _b;

    public void Write(WireWriter writer)
    {
        foreach (var point in _b)
        {
            writer.WritePoint(point);
        }
    }

    public byte[] Encode()
    {
        var writer = new WireWriter(EncodedLength);
        Write(writer);
        return writer.ToArray();
    }

    /// <summary>Reads exactly 256 strictly decoded points (throws <see cref="MpcDecodeException"/>).</summary>
    public static BaseOtSenderMessage Read(ref WireReader reader)
    {
        var b = new Point[OtParameters.BaseOtCount];
        reader.ReadPoints(b);

        return new BaseOtSenderMessage(b);
    }

    /// <summary>Decodes a complete message (no trailing bytes).</summary>
    public static BaseOtSenderMessage Decode(ReadOnlySpan<byte> encoded)
    {
        var reader = new WireReader(encoded);
        var message = Read(ref reader);
        reader.EnsureEnd();
        return message;
    }
}
