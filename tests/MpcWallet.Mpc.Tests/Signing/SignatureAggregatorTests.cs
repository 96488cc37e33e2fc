using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Signing;
using MpcWallet.Mpc.Tests.Support;

namespace MpcWallet.Mpc.Tests.Signing;

public sealed class SignatureAggregatorTests
{
    private readonly SeededRandomSource _random = new(404);

    [Fact]
    public void Hand_built_partials_combine_into_a_low_s_signature_with_the_right_recovery_id()
    {
        for (var i = 0; i < 30; i++)
        {
            var (partials, publicKey, digest) = HandBuilt(3);
            var signature = SignatureAggregator.Combine(partials, publicKey, digest);
            Assert.False(Scalar.FromCanonical(signature.S).IsHigh());
            Assert.True(IndependentVerifier.VerifyWithDotNet(publicKey, digest, signature));
            Assert.Equal(publicKey, EcdsaVerification.RecoverPublicKey(digest, signature.R, signature.S, signature.RecoveryId));
        }
    }

    [Fact]
    public void Tampered_partials_make_combine_throw()
    {
        var (partials, publicKey, digest) = HandBuilt(3);
        PartialSignature Replace(PartialSignature p, Point? r = null, Scalar? w = null, Scalar? u = null, byte[]? sid = null) =>
            new(p.Party, sid ?? p.SigningSessionDigest, r ?? p.R, w ?? p.W, u ?? p.U);

        AssertAbort(AbortChecks.FinalSignatureInvalid, [Replace(partials[0], w: partials[0].W + Scalar.One), partials[1], partials[2]]);
        AssertAbort(AbortChecks.FinalSignatureInvalid, [Replace(partials[0], u: partials[0].U + Scalar.One), partials[1], partials[2]]);
        AssertAbort(AbortChecks.PartialSignatureMismatch, [Replace(partials[0], r: partials[0].R + Point.Generator), partials[1], partials[2]]);
        var otherSid = (byte[])partials[1].SigningSessionDigest.Clone();
        otherSid[0] ^= 1;
        AssertAbort(AbortChecks.PartialSignatureMismatch, [partials[0], Replace(partials[1], sid: otherSid), partials[2]]);
        AssertAbort(AbortChecks.PartialSignatureSet, [partials[0], partials[0], partials[2]]);
        AssertAbort(AbortChecks.PartialSignatureSet, [partials[0]]);
        AssertAbort(AbortChecks.FinalSignatureInvalid, [partials[0], partials[1]]);
        AssertAbort(AbortChecks.NonceProductZero, [
            Replace(partials[0], u: -(partials[1].U + partials[2].U)), partials[1], partials[2]]);
        AssertAbort(AbortChecks.SignatureZero, [
            Replace(partials[0], w: -(partials[1].W + partials[2].W)), partials[1], partials[2]]);

        // Wrong digest or wrong key: the final verification refuses.
        var otherDigest = (byte[])digest.Clone();
        otherDigest[5] ^= 1;
        Assert.Equal(AbortChecks.FinalSignatureInvalid, Assert.Throws<ProtocolAbortException>(() => SignatureAggregator.Combine(partials, publicKey, otherDigest)).Check);
        Assert.Equal(AbortChecks.FinalSignatureInvalid, Assert.Throws<ProtocolAbortException>(() => SignatureAggregator.Combine(partials, Point.Generator, digest)).Check);

        void AssertAbort(string check, PartialSignature[] set)
        {
            var abort = Assert.Throws<ProtocolAbortException>(() => SignatureAggregator.Combine(set, publicKey, digest));
            Assert.Equal(check, abort.Check);
            Assert.Null(abort.Culprit);
            Assert.False(abort.BanRecommended);
        }
    }

    [Fact]
    public void Partials_from_a_real_session_survive_encoding_and_tampered_encodings_fail()
    {
        var shares = DealtKeys.Get(2, 3);
        var digest = new byte[32];
        _random.Fill(digest);
        var partials = SigningHarness.Run(SigningHarness.Parties(shares, [1, 3], digest, null, _random)).Values.ToArray();
        var decoded = partials.Select(p => PartialSignature.Decode(p.Encode())).ToArray();
        Assert.True(IndependentVerifier.VerifyWithDotNet(shares[0].PublicKey, digest, SignatureAggregator.Combine(decoded, shares[0].PublicKey, digest)));

        // Flip one bit in each byte position of w and u (positions 67..130): decoding fails or combining fails.
        for (var position = 2 + 32 + 33; position < PartialSignature.EncodedLength; position++)
        {
            var bytes = partials[0].Encode();
            bytes[position] ^= 0x10;
            try
            {
                var tampered = PartialSignature.Decode(bytes);
                Assert.Throws<ProtocolAbortException>(() => SignatureAggregator.Combine([tampered, decoded[1]], shares[0].PublicKey, digest));
            }
            catch (MpcDecodeException)
            {
                // A non-canonical scalar is rejected by the decoder: also a failure to combine.
            }
        }
    }

    [Fact]
    public void Arguments_are_validated()
    {
        var (partials, publicKey, digest) = HandBuilt(2);
        Assert.Throws<ArgumentException>(() => SignatureAggregator.Combine(partials, publicKey, digest.AsSpan(1)));
        Assert.Throws<ArgumentException>(() => SignatureAggregator.Combine(partials, Point.Identity, digest));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PartialSignature(0, new byte[32], Point.Generator, Scalar.One, Scalar.One));
        Assert.Throws<ArgumentException>(() => new PartialSignature(1, new byte[31], Point.Generator, Scalar.One, Scalar.One));
    }

    // Additive shares of w = (m + r·x)·φ and u = k·φ for a random key x, nonce k and mask φ, i.e. what t signers output.
    private (PartialSignature[] Partials, Point PublicKey, byte[] Digest) HandBuilt(int count)
    {
        var key = Scalar.Random(_random);
        var k = Scalar.Random(_random);
        var phi = Scalar.Random(_random);
        var digest = new byte[32];
        _random.Fill(digest);
        var bigR = Point.MultiplyGenerator(k);
        var r = Scalar.FromBytesReduced(bigR.AffineX());
        var w = (Scalar.FromBytesReduced(digest) + (r * key)) * phi;
        var u = k * phi;
        var sid = new byte[32];
        _random.Fill(sid);
        var partials = new PartialSignature[count];
        for (var i = 0; i < count - 1; i++)
        {
            var wi = Scalar.Random(_random);
            var ui = Scalar.Random(_random);
            partials[i] = new PartialSignature(i + 1, sid, bigR, wi, ui);
            w -= wi;
            u -= ui;
        }

        partials[count - 1] = new PartialSignature(count, sid, bigR, w, u);
        return (partials, Point.MultiplyGenerator(key), digest);
    }
}
