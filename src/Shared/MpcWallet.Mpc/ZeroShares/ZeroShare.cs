using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Hashing;
using MpcWallet.Mpc.KeyShares;

namespace MpcWallet.Mpc.ZeroShares;

/// <summary>
/// Per-session additive shares of zero over a signer set (DKLs23 Functionality 3.4): every pair of signers shares a
/// seed from key generation, both evaluate PRF(seed, sign_sid), the lower index adds it and the higher subtracts it,
/// so the pair's terms cancel in the sum. Masking sk_i with ζ_i makes each signer's RVOLE input uniformly random
/// on its own, while the inputs still sum to the (derived) key.
/// </summary>
public static class ZeroShare
{
    /// <summary>ζ_self for <paramref name="signers"/>, using the pairwise seeds stored in the key share.</summary>
    public static Scalar Evaluate(KeyShare share, IReadOnlyList<int> signers, ReadOnlySpan<byte> signingSessionDigest)
    {
        ArgumentNullException.ThrowIfNull(share);
        return Evaluate(share.Self, signers, j => share.With(j).ZeroShareSeed, signingSessionDigest);
    }

    /// <summary>
    /// ζ_i = Σ_{j∈P, j&lt;i} PRF(seed_ij, sid) − Σ_{j∈P, j&gt;i} PRF(seed_ij, sid). Only members of
    /// <paramref name="signers"/> contribute; <paramref name="seedWith"/> returns the seed shared with a counterparty.
    /// </summary>
    public static Scalar Evaluate(int self, IReadOnlyList<int> signers, Func<int, byte[]> seedWith, ReadOnlySpan<byte> signingSessionDigest)
    {
        ArgumentNullException.ThrowIfNull(signers);
        ArgumentNullException.ThrowIfNull(seedWith);
        if (!signers.Contains(self) || signers.Distinct().Count() != signers.Count)
        {
            throw new ArgumentException("the signer set must be distinct and include self", nameof(signers));
        }

        if (signingSessionDigest.Length != 32)
        {
            throw new ArgumentException("the signing session digest is 32 bytes", nameof(signingSessionDigest));
        }

        var zeta = Scalar.Zero;
        foreach (var j in signers)
        {
            if (j == self)
            {
                continue;
            }

            var term = Prf(seedWith(j), signingSessionDigest);
            zeta = j < self ? zeta + term : zeta - term;
        }

        return zeta;
    }

    private static Scalar Prf(byte[] seed, ReadOnlySpan<byte> signingSessionDigest)
    {
        if (seed.Length != 32)
        {
            throw new ArgumentException("zero-share seeds are 32 bytes");
        }

        using var transcript = new Transcript(HashTags.ZeroSharePrf);
        return transcript.Append(seed).Append(signingSessionDigest).FinishScalar();
    }
}
