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
            new(p.Party, p.Signers, sid ?? p.SigningSessionDigest, r ?? p.R, w ?? p.W, u ?? p.U);

        AssertAbort(AbortChecks.FinalSignatureInvalid, [Replace(partials[0], w: partials[0].W + Scalar.One), partials[1], partials[2]]);
        AssertAbort(AbortChecks.FinalSignatureInvalid, [Replace(partials[0], u: partials[0].U + Scalar.One), partials[1], partials[2]]);
        AssertAbort(AbortChecks.PartialSignatureMismatch, [Replace(partials[0], r: partials[0].R + Point.Generator), partials[1], partials[2]]);
        var otherSid = (byte[])partials[1].SigningSessionDigest.Clone();
        otherSid[0] ^= 1;
        AssertAbort(AbortChecks.PartialSignatureMismatch, [partials[0], Replace(partials[1], sid: otherSid), partials[2]]);
        AssertAbort(AbortChecks.PartialSignatureSet, [partials[0], partials[0], partials[2]]);
        AssertAbort(AbortChecks.PartialSignatureSet, [partials[0]]);
        AssertAbort(AbortChecks.PartialSignatureSet, [partials[0], partials[1]]);
        AssertAbort(AbortChecks.PartialSignatureSet, []);
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

        // Flip one bit in each byte position of w and u (the last 64 bytes): decoding fails or combining fails.
        for (var position = partials[0].EncodedLength - 64; position < partials[0].EncodedLength; position++)
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
        Assert.Throws<ArgumentOutOfRangeException>(() => new PartialSignature(0, [1, 2], new byte[32], Point.Generator, Scalar.One, Scalar.One));
        Assert.Throws<ArgumentException>(() => new PartialSignature(1, [1, 2], new byte[31], Point.Generator, Scalar.One, Scalar.One));
        Assert.Throws<ArgumentException>(() => new PartialSignature(1, [2, 3], new byte[32], Point.Generator, Scalar.One, Scalar.One));
        Assert.Throws<ArgumentException>(() => new PartialSignature(1, [2, 1], new byte[32], Point.Generator, Scalar.One, Scalar.One));
        Assert.Throws<ArgumentException>(() => new PartialSignature(1, [1], new byte[32], Point.Generator, Scalar.One, Scalar.One));
        Assert.Throws<ArgumentException>(() => new PartialSignature(1, [1, 1, 2], new byte[32], Point.Generator, Scalar.One, Scalar.One));
        Assert.Throws<ArgumentException>(() => new PartialSignature(1, [1, 17], new byte[32], Point.Generator, Scalar.One, Scalar.One));
    }

    [Fact]
    public void Combine_takes_exactly_the_partials_of_the_signers_bound_in_the_session()
    {
        var shares = DealtKeys.Get(3, 5);
        var digest = new byte[32];
        _random.Fill(digest);
        var session = SigningHarness.Run(SigningHarness.Parties(shares, [1, 3, 4], digest, null, _random)).Values.ToArray();
        var other = SigningHarness.Run(SigningHarness.Parties(shares, [2, 3, 5], digest, null, _random)).Values.ToArray();
        var publicKey = shares[0].PublicKey;
        Assert.True(IndependentVerifier.VerifyWithDotNet(publicKey, digest, SignatureAggregator.Combine(session, publicKey, digest)));

        // one signer's partial missing; a partial of another session added; one replaced by another session's
        AssertSet(session[..2], "no partial signature from signer(s) 4");
        AssertMismatch([.. session, other[0]]);
        AssertMismatch([session[0], session[1], other[2]]);

        // a partial that claims another signer set, with everything else of the real session
        var relabelled = new PartialSignature(session[2].Party, [1, 4], session[2].SigningSessionDigest, session[2].R, session[2].W, session[2].U);
        AssertMismatch([session[0], session[1], relabelled]);

        // all partials claim a smaller signer set that leaves one real signer out: the set is consistent, but it is
        // not the set hashed into sign_sid, so the final check fails (nobody can make Combine accept it)
        var shrunk = session[..2].Select(p => new PartialSignature(p.Party, [1, 3], p.SigningSessionDigest, p.R, p.W, p.U)).ToArray();
        Assert.Equal(AbortChecks.FinalSignatureInvalid, Assert.Throws<ProtocolAbortException>(() => SignatureAggregator.Combine(shrunk, publicKey, digest)).Check);

        void AssertSet(PartialSignature[] set, string why)
        {
            var abort = Assert.Throws<ProtocolAbortException>(() => SignatureAggregator.Combine(set, publicKey, digest));
            Assert.Equal(AbortChecks.PartialSignatureSet, abort.Check);
            Assert.Contains(why, abort.Message, StringComparison.Ordinal);
        }

        void AssertMismatch(PartialSignature[] set) =>
            Assert.Equal(AbortChecks.PartialSignatureMismatch, Assert.Throws<ProtocolAbortException>(() => SignatureAggregator.Combine(set, publicKey, digest)).Check);
    }

    [Fact]
    public void The_signer_set_survives_encoding_and_malformed_sets_are_refused()
    {
        var (partials, _, _) = HandBuilt(3);
        var decoded = PartialSignature.Decode(partials[1].Encode());
        Assert.Equal([1, 2, 3], decoded.Signers);
        Assert.Equal(2, decoded.Party);
        Assert.Equal(partials[1].EncodedLength, partials[1].Encode().Length);

        foreach (var signers in new[] { new byte[] { 3, 2, 1 }, [1, 1, 2], [1, 3, 4], [0, 1, 2], [1, 2, 17] })
        {
            var bytes = partials[1].Encode();
            signers.CopyTo(bytes, 3);
            Assert.Throws<MpcDecodeException>(() => PartialSignature.Decode(bytes));
        }

        foreach (var count in new byte[] { 0, 1, 17, 255 })
        {
            var bytes = partials[1].Encode();
            bytes[2] = count;
            Assert.Throws<MpcDecodeException>(() => PartialSignature.Decode(bytes));
        }
    }

    [Fact]
    public void Nonce_points_whose_x_is_at_or_above_the_group_order_are_refused()
    {
        // secp256k1 has points with q ≤ x < p: x = q gives r = x mod q = 0, x = q + 2 gives r = 2 but a recovery id
        // of 2 or 3, which Ethereum cannot encode. Nobody can make a session produce them (that needs their discrete
        // log), so the checks are exercised with hand-built partials.
        var q = Convert.FromHexString("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141");
        var qPlusTwo = Convert.FromHexString("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364143");
        var (partials, publicKey, digest) = HandBuilt(2);
        foreach (var (x, check) in new[] { (q, AbortChecks.NonceXZero), (qPlusTwo, AbortChecks.UnencodableRecoveryId) })
        {
            var r = Point.Decode([0x02, .. x]);
            var moved = partials.Select(p => new PartialSignature(p.Party, p.Signers, p.SigningSessionDigest, r, p.W, p.U)).ToArray();
            Assert.Equal(check, Assert.Throws<ProtocolAbortException>(() => SignatureAggregator.Combine(moved, publicKey, digest)).Check);
        }
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
        var signers = Enumerable.Range(1, count).ToArray();
        for (var i = 0; i < count - 1; i++)
        {
            var wi = Scalar.Random(_random);
            var ui = Scalar.Random(_random);
            partials[i] = new PartialSignature(i + 1, signers, sid, bigR, wi, ui);
            w -= wi;
            u -= ui;
        }

        partials[count - 1] = new PartialSignature(count, signers, sid, bigR, w, u);
        return (partials, Point.MultiplyGenerator(key), digest);
    }
}
