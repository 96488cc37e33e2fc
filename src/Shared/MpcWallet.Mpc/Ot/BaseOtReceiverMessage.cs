using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Wire;

namespace MpcWallet.Mpc.Ot;

/// <summary>
/// Endemic OT, receiver → sender: for each of the 256 OTs the pair (r_0, r_1) of group elements, one of them
/// programmed through the hash so that the receiver knows the discrete log of r_c + H_G(r_{1−c}).
/// Wire form: 256 × (r_0 ‖ r_1), 33-byte compressed points, no header.
/// </summary>
public sealed class BaseOtReceiverMessage
{
    public const int EncodedLength = OtParameters.BaseOtCount * 2 * Point.EncodedLength;

    private readonly Point[] _r0;
    private readonly Point[] _r1;

    internal BaseOtReceiverMessage(Point[] r0, Point[] r1)
    {
        if (r0.Length != OtParameters.BaseOtCount || r1.Length != OtParameters.BaseOtCount)
        {
            throw new ArgumentException("a base-OT receiver message has exactly 256 point pairs");
        }

        if (r0.Any(p => p.IsIdentity) || r1.Any(p => p.IsIdentity))
        {
            throw new ArgumentException("a base-OT receiver message cannot contain the identity");
        }

        _r0 = r0;
        _r1 = r1;
    }

    internal Point[] R0 => _r0;

    internal Point[] R1 => _r1;

    public void Write(WireWriter writer)
    {
        for (var i = 0; i < OtParameters.BaseOtCount; i++)
        {
            writer.WritePoint(_r0[i]).WritePoint(_r1[i]);
        }
    }

    public byte[] Encode()
    {
        var writer = new WireWriter(EncodedLength);
        Write(writer);
        return writer.ToArray();
    }

    /// <summary>Reads exactly 256 point pairs; every point strictly decoded (throws <see cref="MpcDecodeException"/>).</summary>
    public static BaseOtReceiverMessage Read(ref WireReader reader)
    {
        var both = new Point[2 * OtParameters.BaseOtCount];
        reader.ReadPoints(both);
        var r0 = new Point[OtParameters.BaseOtCount];
        var r1 = new Point[OtParameters.BaseOtCount];
        for (var i = 0; i < OtParameters.BaseOtCount; i++)
        {
            r0[i] = both[2 * i];
            r1[i] = both[(2 * i) + 1];
        }

        return new BaseOtReceiverMessage(r0, r1);
    }

    /// <summary>Decodes a complete message (no trailing bytes).</summary>
    public static BaseOtReceiverMessage Decode(ReadOnlySpan<byte> encoded)
    {
        var reader = new WireReader(encoded);
        var message = Read(ref reader);
        reader.EnsureEnd();
        return message;
    }
}
