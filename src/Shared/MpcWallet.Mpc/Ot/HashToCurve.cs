using System.Buffers.Binary;
using System.Security.Cryptography;
using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Hashing;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace MpcWallet.Mpc.Ot;

/// <summary>
/// H_G of Endemic OT: a hash into the secp256k1 group by try-and-increment. The framed input (tag, OT session, OT
/// index, branch, point) is hashed once; then SHA-256(digest ‖ counter) is tried as an x-coordinate until x &lt; p and
/// x³ + 7 is a square, taking the even root. Nobody knows the discrete logarithm of the result, which is all Endemic
/// OT needs. The running time depends on the (public) input only; callers that hash on behalf of a secret branch
/// evaluate both branches in a fixed order.
/// </summary>
internal static class HashToCurve
{
    public static Point Hash(ReadOnlySpan<byte> otSessionId, int index, int branch, Point point)
    {
        byte[] digest;
        using (var transcript = new Transcript(HashTags.BaseOtHashToCurve))
        {
            digest = transcript.Append(otSessionId).Append(index).Append(branch).Append(point).Finish();
        }

        Span<byte> block = stackalloc byte[36];
        Span<byte> candidate = stackalloc byte[32];
        digest.CopyTo(block);
        var curve = Secp256k1.Curve;
        for (var counter = 0u; ; counter++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(block[32..], counter);
            SHA256.HashData(block, candidate);
            var x = new BcBigInteger(1, candidate);
            if (x.CompareTo(Secp256k1.FieldPrime) >= 0)
            {
                continue;
            }

            var fx = curve.FromBigInteger(x);
            var y = fx.Square().Multiply(fx).Add(curve.B).Sqrt();
            if (y is null)
            {
                continue;
            }

            if (y.TestBitZero())
            {
                y = y.Negate();
            }

            return Point.FromBouncyCastle(curve.CreatePoint(x, y.ToBigInteger()));
        }
    }
}
