using System.Security.Cryptography;
using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Hashing;
using MpcWallet.Mpc.Ot;

namespace MpcWallet.Mpc.Multiplication;

/// <summary>
/// The public gadget vector g ∈ Z_q^512 of one RVOLE session: g_l = the l-th 48-byte block of
/// SHAKE256(H(tag, sid)), reduced mod q. Bob's secret χ = Σ β_l·g_l is then statistically close to uniform
/// (leftover hash lemma with 512 bits of β for a 256-bit χ, λs = 128).
/// </summary>
internal static class RvoleGadget
{
    private const int BytesPerScalar = WideScalarReduction.InputLength;

    public static Scalar[] Compute(ReadOnlySpan<byte> sessionId)
    {
        var prefix = OtExtension.SessionPrefix(HashTags.RvoleGadget, sessionId);
        var stream = new byte[RvoleConstants.Rows * BytesPerScalar];
        Shake256Xof.Hash(prefix, stream);
        var gadget = new Scalar[RvoleConstants.Rows];
        ParallelRanges.For(gadget.Length, (start, end) =>
        {
            for (var l = start; l < end; l++)
            {
                gadget[l] = WideScalarReduction.Reduce(stream.AsSpan(l * BytesPerScalar, BytesPerScalar));
            }
        });

        CryptographicOperations.ZeroMemory(prefix);
        return gadget;
    }
}
