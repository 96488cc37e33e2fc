using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Signing;
using MpcWallet.Mpc.Tests.Support;

namespace MpcWallet.Mpc.Tests.Signing;

public sealed class GenerationMixingTests
{
    [Fact]
    public void Shares_of_different_generations_abort_naming_the_other_party_without_a_ban()
    {
        var random = new SeededRandomSource(60);
        var key = MpcWallet.Mpc.Curve.Scalar.Random(random);
        var keyId = new byte[32];
        random.Fill(keyId);
        var old = TrustedDealer.Deal(2, 3, random, key, new byte[32], generation: 0, keyId: keyId);
        var refreshed = TrustedDealer.Deal(2, 3, random, key, new byte[32], generation: 1, keyId: keyId);
        var digest = new byte[32];
        random.Fill(digest);
        var sid = SessionId.Random(random);
        SigningParty[] parties =
        [
            new(sid, old[0], [1, 2], digest, [], random),
            new(sid, refreshed[1], [1, 2], digest, [], random),
        ];

        var run = AbortCollectingRunner.Run(parties);

        Assert.Empty(run.Outputs);
        Assert.Equal(AbortChecks.KeyGenerationMismatch, run.Aborts[1].Check);
        Assert.Equal(2, run.Aborts[1].Culprit);
        Assert.Equal(1, run.Aborts[2].Culprit);
        Assert.All(run.Aborts.Values, a => Assert.False(a.BanRecommended));
    }

    [Fact]
    public void Shares_of_another_key_with_the_same_generation_abort()
    {
        var first = DealtKeys.Get(2, 3, seed: 1);
        var second = DealtKeys.Get(2, 3, seed: 2);
        var random = new SeededRandomSource(61);
        var digest = new byte[32];
        random.Fill(digest);
        var sid = SessionId.Random(random);
        SigningParty[] parties =
        [
            new(sid, first[0], [1, 3], digest, [], random),
            new(sid, second[2], [1, 3], digest, [], random),
        ];

        var run = AbortCollectingRunner.Run(parties);

        Assert.Equal(AbortChecks.KeyGenerationMismatch, run.Aborts[1].Check);
        Assert.Equal(3, run.Aborts[1].Culprit);
        Assert.Equal(AbortChecks.KeyGenerationMismatch, run.Aborts[3].Check);
        Assert.Equal(1, run.Aborts[3].Culprit);
    }
}
