using System.Buffers.Binary;
using System.Security.Cryptography;
using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Hashing;

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
    public static Point Hash(ReadOnlySpan<byte> otSessionId, int index, int branch, Point point) =>
        Point.FromAffine(HashAffine(otSessionId, index, branch, point));

    public static AffinePoint HashAffine(ReadOnlySpan<byte> otSessionId, int index, int branch, Point point)
    {
        byte[] digest;
        using (var transcript = new Transcript(HashTags.BaseOtHashToCurve))
        {
            digest = transcript.Append(otSessionId).Append(index).Append(branch).Append(point).Finish();
        }

        Span<byte> block = stackalloc byte[36];
        Span<byte> candidate = stackalloc byte[32];
        digest.CopyTo(block);
        for (var counter = 0u; ; counter++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(block[32..], counter);
            SHA256.HashData(block, candidate);
            if (!FieldElement.TryFromCanonical(candidate, out var x)
                || !((x.Square() * x) + Secp256k1.B).TrySqrt(out var y))
            {
                continue;
            }

            y = FieldElement.Select(Limb.Mask(y.IsOdd()), -y, y);
            return new AffinePoint(x, y).Normalized();
        }
    }
}
