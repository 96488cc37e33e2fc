using MpcWallet.Mpc.Signing;
using MpcWallet.Mpc.Tests.Support;

namespace MpcWallet.Mpc.Tests.Signing;

public sealed class SigningRoundTripTests
{
    [Theory]
    [InlineData(2, 2, 3)]
    [InlineData(2, 3, 4)]
    [InlineData(3, 5, 3)]
    [InlineData(5, 7, 2)]
    public void Random_signer_subsets_sign_random_digests(int t, int n, int sessions)
    {
        var shares = DealtKeys.Get(t, n);
        var random = new SeededRandomSource((t * 31) + n);
        var order = new Random((t * 7) + n);
        var publicKey = shares[0].PublicKey;
        for (var session = 0; session < sessions; session++)
        {
            var signers = Enumerable.Range(1, n).OrderBy(_ => order.Next()).Take(t).ToArray();
            var digest = new byte[32];
            random.Fill(digest);

            var parties = SigningHarness.Parties(shares, signers, digest, null, random);
            var partials = SigningHarness.Run(parties, shuffleSeed: order.Next());

            Assert.Equal(signers.Order(), partials.Keys.Order());
            Assert.Single(partials.Values.Select(p => Convert.ToHexString(p.SigningSessionDigest)).Distinct());
            Assert.Single(partials.Values.Select(p => p.R).Distinct());
            var signature = SignatureAggregator.Combine(partials.Values.ToArray(), publicKey, digest);

            Assert.True(IndependentVerifier.VerifyWithDotNet(publicKey, digest, signature), $"signers {string.Join(",", signers)}");
            Assert.True(EcdsaVerification.Verify(publicKey, digest, signature.R, signature.S));
            Assert.Equal(publicKey, EcdsaVerification.RecoverPublicKey(digest, signature.R, signature.S, signature.RecoveryId));
            Assert.False(new Org.BouncyCastle.Math.BigInteger(1, signature.S).CompareTo(MpcWallet.Mpc.Curve.Secp256k1.Order.ShiftRight(1)) > 0);

            // Every partial is needed: leaving one out is refused before any arithmetic.
            var partial = partials.Values.Skip(1).ToArray();
            var abort = Assert.Throws<ProtocolAbortException>(() => SignatureAggregator.Combine(partial, publicKey, digest));
            Assert.Equal(AbortChecks.PartialSignatureSet, abort.Check);
        }
    }

    [Fact]
    public void Every_signer_can_combine_and_all_get_the_same_signature()
    {
        var shares = DealtKeys.Get(3, 5);
        var random = new SeededRandomSource(77);
        var digest = new byte[32];
        random.Fill(digest);
        int[] signers = [2, 4, 5];
        var partials = SigningHarness.Run(SigningHarness.Parties(shares, signers, digest, null, random)).Values.ToArray();

        var signatures = Enumerable.Range(0, partials.Length)
            .Select(rotation => SignatureAggregator.Combine([.. partials.Skip(rotation), .. partials.Take(rotation)], shares[0].PublicKey, digest))
            .ToArray();
        Assert.All(signatures, s => Assert.Equal(signatures[0].ToCompact(), s.ToCompact()));
    }

    [Fact]
    public void Two_sessions_on_the_same_digest_and_signers_use_different_nonces()
    {
        var shares = DealtKeys.Get(2, 3);
        var random = new SeededRandomSource(8);
        var digest = new byte[32];
        random.Fill(digest);
        var first = SigningHarness.Sign(shares, [1, 2], digest, null, random);
        var second = SigningHarness.Sign(shares, [1, 2], digest, null, random);

        Assert.NotEqual(first.R, second.R);
        Assert.True(IndependentVerifier.VerifyWithDotNet(shares[0].PublicKey, digest, first));
        Assert.True(IndependentVerifier.VerifyWithDotNet(shares[0].PublicKey, digest, second));
    }

    [Fact]
    public void Signing_with_the_system_random_source_verifies()
    {
        var shares = DealtKeys.Get(2, 3);
        var digest = new byte[32];
        Randomness.SystemRandomSource.Instance.Fill(digest);
        var signature = SigningHarness.Sign(shares, [2, 3], digest, null, Randomness.SystemRandomSource.Instance);
        Assert.True(IndependentVerifier.VerifyWithDotNet(shares[0].PublicKey, digest, signature));
    }
}
