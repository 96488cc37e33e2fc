using System.Security.Cryptography;
using MpcWallet.Mpc.Curve;

namespace MpcWallet.Mpc.Signing;

/// <summary>
/// Combines the signers' partial signatures into one low-s ECDSA signature with its recovery id, and verifies it
/// against the (derived) public key before releasing it. Runs on public data; anyone holding all partials (the
/// coordinator or any signer) can do it. A failure is never attributed to a party: partials are not individually
/// verifiable, so a bad one shows up only as an invalid final signature.
/// <para>
/// It takes exactly the partials of the signer set the session ran with (each partial carries that set, the one every
/// signer hashed into sign_sid): all partials must agree on sign_sid, the signer set and R, and there must be one per
/// signer, no more and no fewer. A missing, extra or duplicated partial is refused before any arithmetic.
/// </para>
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

        if (partials.Count == 0 || partials.Any(p => p is null))
        {
            throw Abort(AbortChecks.PartialSignatureSet, "no partial signatures");
        }

        var first = partials[0];
        foreach (var partial in partials)
        {
            if (!CryptographicOperations.FixedTimeEquals(partial.SigningSessionDigest, first.SigningSessionDigest)
                || !partial.R.Equals(first.R)
                || !partial.Signers.SequenceEqual(first.Signers))
            {
                throw Abort(AbortChecks.PartialSignatureMismatch, "partial signatures disagree on the signing session, the signer set or R");
            }
        }

        // Exactly one partial per signer of the session: none missing, none extra, none twice.
        var parties = partials.Select(p => p.Party).Order().ToArray();
        if (!parties.SequenceEqual(first.Signers))
        {
            var missing = first.Signers.Except(parties).ToArray();
            throw Abort(AbortChecks.PartialSignatureSet, missing.Length > 0
                ? $"no partial signature from signer(s) {string.Join(", ", missing)} of {string.Join(", ", first.Signers)}"
                : $"partial signatures from parties {string.Join(", ", parties)} are not exactly the signers {string.Join(", ", first.Signers)}");
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
