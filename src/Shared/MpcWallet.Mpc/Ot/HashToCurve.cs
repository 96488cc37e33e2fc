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
        var digest = Digest(otSessionId, index, branch, point);
        for (var counter = 0u; ; counter++)
        {
            if (TryCandidate(digest, counter, out var x, out var rhs) && rhs.TrySqrt(out var y))
            {
                return EvenPoint(x, y);
            }
        }
    }

    /// <summary>
    /// The same function on many inputs, with the square roots of each round's candidates taken in batches
    /// (<see cref="FieldElement.TrySqrtBatch"/>): every input still tries its counters in order, so the results are
    /// exactly those of <see cref="HashAffine"/>.
    /// </summary>
    public static void HashAffineBatch(ReadOnlySpan<byte> otSessionId, ReadOnlySpan<(int Index, int Branch, Point Point)> inputs, Span<AffinePoint> outputs)
    {
        var count = inputs.Length;
        var digests = new byte[count][];
        var counters = new uint[count];
        var pending = new List<int>(count);
        for (var i = 0; i < count; i++)
        {
            digests[i] = Digest(otSessionId, inputs[i].Index, inputs[i].Branch, inputs[i].Point);
            pending.Add(i);
        }

        var xs = new FieldElement[count];
        var rhs = new FieldElement[count];
        var roots = new FieldElement[count];
        var exists = new bool[count];
        while (pending.Count > 0)
        {
            for (var k = 0; k < pending.Count; k++)
            {
                var i = pending[k];
                while (!TryCandidate(digests[i], counters[i], out xs[k], out rhs[k]))
                {
                    counters[i]++;
                }
            }

            FieldElement.TrySqrtBatch(rhs.AsSpan(0, pending.Count), roots, exists);
            var next = new List<int>(pending.Count / 2);
            for (var k = 0; k < pending.Count; k++)
            {
                var i = pending[k];
                if (exists[k])
                {
                    outputs[i] = EvenPoint(xs[k], roots[k]);
                }
                else
                {
                    counters[i]++;
                    next.Add(i);
                }
            }

            pending = next;
        }
    }

    private static byte[] Digest(ReadOnlySpan<byte> otSessionId, int index, int branch, Point point)
    {
        using var transcript = new Transcript(HashTags.BaseOtHashToCurve);
        return transcript.Append(otSessionId).Append(index).Append(branch).Append(point).Finish();
    }

    /// <summary>x = SHA-256(digest ‖ counter) if below p, with x³ + 7.</summary>
    private static bool TryCandidate(byte[] digest, uint counter, out FieldElement x, out FieldElement rhs)
    {
        Span<byte> block = stackalloc byte[36];
        Span<byte> candidate = stackalloc byte[32];
        digest.CopyTo(block);
        BinaryPrimitives.WriteUInt32BigEndian(block[32..], counter);
        SHA256.HashData(block, candidate);
        if (!FieldElement.TryFromCanonical(candidate, out x))
        {
            rhs = default;
            return false;
        }

        rhs = (x.Square() * x) + Secp256k1.B;
        return true;
    }

    private static AffinePoint EvenPoint(in FieldElement x, in FieldElement y) =>
        new AffinePoint(x, FieldElement.Select(Limb.Mask(y.IsOdd()), -y, y)).Normalized();
}
