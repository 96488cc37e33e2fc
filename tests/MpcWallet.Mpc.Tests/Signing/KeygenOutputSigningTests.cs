using MpcWallet.Mpc.Derivation;
using MpcWallet.Mpc.Keygen;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Refresh;
using MpcWallet.Mpc.Signing;
using MpcWallet.Mpc.Tests.Support;

namespace MpcWallet.Mpc.Tests.Signing;

/// <summary>Signing on the output of the real distributed key generation and refresh, not the test dealer.</summary>
public sealed class KeygenOutputSigningTests
{
    [Fact]
    public void Every_two_of_three_subset_signs_with_dkg_shares_and_after_refresh_generations_cannot_mix()
    {
        var random = new SeededRandomSource(2023);
        var shares = Generate(random, 2, 3);
        var publicKey = shares[0].PublicKey;
        int[][] subsets = [[1, 2], [1, 3], [2, 3]];
        foreach (var signers in subsets)
        {
            var digest = new byte[32];
            random.Fill(digest);
            var signature = SigningHarness.Sign(shares, signers, digest, [0, 7], random);
            var child = KeyDerivation.DeriveChild(publicKey, shares[0].RootChainCode, [0, 7]).PublicKey;
            Assert.True(IndependentVerifier.VerifyWithDotNet(child, digest, signature));
            Assert.Equal(child, EcdsaVerification.RecoverPublicKey(digest, signature.R, signature.S, signature.RecoveryId));
        }

        var sid = SessionId.Random(random);
        var refreshed = ProtocolRunner.Run<KeyShare>(shares.Select(s => new KeyRefreshParty(sid, s, random)).ToArray())
            .OrderBy(p => p.Key).Select(p => p.Value).ToArray();
        Assert.All(refreshed, s => Assert.Equal(publicKey, s.PublicKey));

        var hash = new byte[32];
        random.Fill(hash);
        Assert.True(IndependentVerifier.VerifyWithDotNet(publicKey, hash, SigningHarness.Sign(refreshed, [1, 3], hash, null, random)));

        var signSid = SessionId.Random(random);
        SigningParty[] mixed = [new(signSid, shares[0], [1, 3], hash, [], random), new(signSid, refreshed[2], [1, 3], hash, [], random)];
        var run = AbortCollectingRunner.Run(mixed);
        Assert.Empty(run.Outputs);
        Assert.Equal(AbortChecks.KeyGenerationMismatch, run.Aborts[1].Check);
        Assert.Equal(3, run.Aborts[1].Culprit);
        Assert.False(run.Aborts[1].BanRecommended);
    }

    [Fact]
    public void Three_of_five_dkg_shares_sign_after_an_encode_decode_round_trip()
    {
        var random = new SeededRandomSource(2024);
        var shares = Generate(random, 3, 5).Select(s => KeyShare.Decode(s.Encode())).ToArray();
        var digest = new byte[32];
        random.Fill(digest);
        var signature = SigningHarness.Sign(shares, [5, 2, 4], digest, null, random);
        Assert.True(IndependentVerifier.VerifyWithDotNet(shares[0].PublicKey, digest, signature));
    }

    private static KeyShare[] Generate(SeededRandomSource random, int t, int n)
    {
        var sid = SessionId.Random(random);
        var parties = Enumerable.Range(1, n).Select(i => new KeyGenerationParty(sid, i, t, n, random)).ToArray();
        return ProtocolRunner.Run<KeyShare>(parties).OrderBy(p => p.Key).Select(p => p.Value).ToArray();
    }
}
