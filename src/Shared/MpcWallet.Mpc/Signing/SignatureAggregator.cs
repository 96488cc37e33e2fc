using System.Security.Cryptography;
using MpcWallet.Mpc.Curve;

namespace MpcWallet.Mpc.Signing;

/// <summary>
/// Combines the signers' partial signatures into one low-s ECDSA signature with its recovery id, and verifies it
/// against the (derived) public key before releasing it. Runs on public data; anyone holding all partials (the
/// coordinator or any signer) can do it. A failure is never attributed to a party: partials are not individually
/// verifiable, so a bad one shows up only as an invalid final signature.
/// </summary>
public static class SignatureAggregator
{
    public static EcdsaSignature Combine(IReadOnlyList<PartialSignature> partials, Point publicKey, ReadOnlySpan<byte> digest32)
    {
        ArgumentNullException.ThrowIfNull(partials);
        ArgumentNullException.ThrowIfNull(publicKey);
        if (digest32.Length != 32)
        {
            throw new ArgumentException("the digest is 32 bytes", nameof(digest32));
        }

        if (publicKey.IsIdentity)
        {
            throw new ArgumentException("the public key must not be the identity", nameof(publicKey));
        }

        if (partials.Count < 2 || partials.Any(p => p is null))
        {
            throw Abort(AbortChecks.PartialSignatureSet, "need at least two partial signatures");
        }

        if (partials.Select(p => p.Party).Distinct().Count() != partials.Count)
        {
            throw Abort(AbortChecks.PartialSignatureSet, "more than one partial signature from the same party");
        }

        var first = partials[0];
        foreach (var partial in partials)
        {
            if (!CryptographicOperations.FixedTimeEquals(partial.SigningSessionDigest, first.SigningSessionDigest) || !partial.R.Equals(first.R))
            {
                throw Abort(AbortChecks.PartialSignatureMismatch, "partial signatures disagree on the signing session or on R");
            }
        }

        var sumW = Scalar.Zero;
        var sumU = Scalar.Zero;
        foreach (var partial in partials)
        {
            sumW += partial.W;
            sumU += partial.U;
        }

        if (sumU.IsZero)
        {
            throw Abort(AbortChecks.NonceProductZero, "Σu is zero");
        }

        var r = Scalar.FromBytesReduced(first.R.AffineX());
        if (r.IsZero)
        {
            throw Abort(AbortChecks.NonceXZero, "x(R) mod q is zero");
        }

        var s = sumW * sumU.Invert();
        if (s.IsZero)
        {
            throw Abort(AbortChecks.SignatureZero, "s is zero");
        }

        // recid bit 1 says x(R) ≥ q (so r = x − q); Ethereum cannot encode it and it happens with probability ~2^-127.
        var xIsAboveOrder = !Scalar.TryFromCanonical(first.R.AffineX(), out _);
        if (xIsAboveOrder)
        {
            throw Abort(AbortChecks.UnencodableRecoveryId, "x(R) ≥ q gives recovery id ≥ 2; sign again with fresh nonces");
        }

        var parity = first.R.AffineYIsOdd ? 1 : 0;
        if (s.IsHigh())
        {
            // (r, q − s) is the signature for −R: same x, opposite y parity (EIP-2 low-s).
            s = -s;
            parity ^= 1;
        }

        var signature = new EcdsaSignature(r.ToBytes(), s.ToBytes(), parity);
        var recovered = EcdsaVerification.RecoverPublicKey(digest32, signature.R, signature.S, signature.RecoveryId);
        if (!EcdsaVerification.Verify(publicKey, digest32, signature.R, signature.S) || recovered is null || !recovered.Equals(publicKey))
        {
            throw Abort(AbortChecks.FinalSignatureInvalid, "the combined signature does not verify under the public key");
        }

        return signature;
    }

    private static ProtocolAbortException Abort(string check, string message) => new(null, check, false, message);
}
