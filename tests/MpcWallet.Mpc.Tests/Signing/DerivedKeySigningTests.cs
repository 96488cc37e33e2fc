using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Derivation;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Signing;
using MpcWallet.Mpc.Tests.Derivation;
using MpcWallet.Mpc.Tests.Support;

namespace MpcWallet.Mpc.Tests.Signing;

public sealed class DerivedKeySigningTests
{
    [Fact]
    public void Threshold_signature_under_a_BIP32_path_recovers_to_the_BIP32_child_key()
    {
        // BIP-32 test vector 1: dealer-split the private key of m/0H/1/2H with its chain code, sign under 2/1000000000.
        var parent = ExtendedKey.Parse(Bip32Vectors.PrivateKey("vector1_m_0H_1_2H"));
        var expectedChild = ExtendedKey.Parse(Bip32Vectors.PublicCases().Single(c => c.Path.SequenceEqual(new uint[] { 2, 1_000_000_000 })).Child);
        var random = new SeededRandomSource(32);
        var shares = TrustedDealer.Deal(2, 3, random, parent.PrivateKey, parent.ChainCode);
        var digest = new byte[32];
        random.Fill(digest);

        var parties = SigningHarness.Parties(shares, [1, 3], digest, [2, 1_000_000_000], random);
        Assert.All(parties, p => Assert.Equal(expectedChild.PublicKey, p.SigningPublicKey));
        var partials = SigningHarness.Run(parties);
        var signature = SignatureAggregator.Combine(partials.Values.ToArray(), expectedChild.PublicKey, digest);

        Assert.Equal(expectedChild.PublicKey, EcdsaVerification.RecoverPublicKey(digest, signature.R, signature.S, signature.RecoveryId));
        Assert.True(IndependentVerifier.VerifyWithDotNet(expectedChild.PublicKey, digest, signature));
        Assert.False(IndependentVerifier.VerifyWithDotNet(parent.PublicKey, digest, signature));
    }

    [Fact]
    public void Child_private_key_is_the_known_key_plus_the_tweak()
    {
        var random = new SeededRandomSource(33);
        var key = Scalar.Random(random);
        var chainCode = new byte[32];
        random.Fill(chainCode);
        var shares = TrustedDealer.Deal(3, 4, random, key, chainCode);
        uint[] path = [44, 60, 0, 0, 7];
        var derived = KeyDerivation.DeriveChild(shares[0].PublicKey, chainCode, path);
        var childPublicKey = Point.MultiplyGenerator(key + derived.Tweak);
        Assert.Equal(derived.PublicKey, childPublicKey);

        var digest = new byte[32];
        random.Fill(digest);
        var signature = SigningHarness.Sign(shares, [4, 1, 2], digest, path, random);

        Assert.Equal(childPublicKey, EcdsaVerification.RecoverPublicKey(digest, signature.R, signature.S, signature.RecoveryId));
        Assert.True(IndependentVerifier.VerifyWithDotNet(childPublicKey, digest, signature));
    }

    [Fact]
    public void Combining_against_the_root_key_when_a_child_was_signed_fails()
    {
        var shares = DealtKeys.Get(2, 3);
        var random = new SeededRandomSource(34);
        var digest = new byte[32];
        random.Fill(digest);
        var partials = SigningHarness.Run(SigningHarness.Parties(shares, [1, 2], digest, [5], random)).Values.ToArray();

        var abort = Assert.Throws<ProtocolAbortException>(() => SignatureAggregator.Combine(partials, shares[0].PublicKey, digest));
        Assert.Equal(AbortChecks.FinalSignatureInvalid, abort.Check);
        Assert.Null(abort.Culprit);
        Assert.False(abort.BanRecommended);
    }

    [Fact]
    public void Signers_with_different_paths_abort_without_blame()
    {
        var shares = DealtKeys.Get(2, 3);
        var random = new SeededRandomSource(35);
        var digest = new byte[32];
        random.Fill(digest);
        var sid = SessionId.Random(random);
        SigningParty[] parties =
        [
            new(sid, shares[0], [1, 2], digest, [1], random),
            new(sid, shares[1], [1, 2], digest, [2], random),
        ];

        var run = AbortCollectingRunner.Run(parties);
        Assert.Empty(run.Outputs);
        Assert.All(run.Aborts.Values, a =>
        {
            Assert.Equal(AbortChecks.SigningSessionMismatch, a.Check);
            Assert.Null(a.Culprit);
            Assert.False(a.BanRecommended);
        });
        Assert.Equal(2, run.Aborts.Count);
    }
}
