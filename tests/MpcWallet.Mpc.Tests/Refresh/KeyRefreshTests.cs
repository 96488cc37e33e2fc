using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Refresh;
using MpcWallet.Mpc.Tests.Keygen;
using MpcWallet.Mpc.Tests.Support;

namespace MpcWallet.Mpc.Tests.Refresh;

public sealed class KeyRefreshTests(KeygenFixture fixture) : IClassFixture<KeygenFixture>
{
    [Fact]
    public void Refresh_reshares_the_same_key_with_new_state()
    {
        var old = fixture.Shares;
        var fresh = fixture.Refreshed;
        var key = KeygenHarness.Combine(old, [1, 2]);
        Assert.Equal(old[1].PublicKey, Point.MultiplyGenerator(key));
        foreach (var subset in new[] { new[] { 1, 2 }, [1, 3], [2, 3] })
        {
            Assert.Equal(key, KeygenHarness.Combine(fresh, subset));
        }

        foreach (var (i, share) in fresh)
        {
            Assert.Equal(1u, share.Generation);
            Assert.Equal(old[i].PublicKey, share.PublicKey);
            Assert.Equal(old[i].RootChainCode, share.RootChainCode);
            Assert.Equal(fresh[1].KeyId, share.KeyId);
            Assert.NotEqual(old[i].KeyId, share.KeyId);
            Assert.NotEqual(old[i].SecretShare, share.SecretShare);
            Assert.NotEqual(old[i].PublicShares[i - 1], share.PublicShares[i - 1]);
            foreach (var pair in share.Pairwise)
            {
                var before = old[i].With(pair.Counterparty);
                Assert.NotEqual(before.ZeroShareSeed, pair.ZeroShareSeed);
                Assert.NotEqual(before.AsSender.Seeds, pair.AsSender.Seeds);
                Assert.NotEqual(before.AsReceiver.Seeds0, pair.AsReceiver.Seeds0);
                Assert.NotEqual(before.AsReceiver.Seeds1, pair.AsReceiver.Seeds1);
            }
        }

        KeyGenerationTests.AssertPairwiseConsistent(fresh);
    }

    [Fact]
    public void Old_and_new_shares_do_not_mix()
    {
        var key = KeygenHarness.Combine(fixture.Shares, [1, 2]);
        var mixed = new Dictionary<int, KeyShare> { [1] = fixture.Shares[1], [2] = fixture.Refreshed[2] };
        Assert.NotEqual(key, KeygenHarness.Combine(mixed, [1, 2]));
    }

    [Fact]
    public void A_second_refresh_increments_the_generation_again()
    {
        var second = KeygenHarness.RunRefresh(fixture.Refreshed, 33);
        Assert.All(second.Values, s => Assert.Equal(2u, s.Generation));
        Assert.Equal(KeygenHarness.Combine(fixture.Shares, [2, 3]), KeygenHarness.Combine(second, [1, 3]));
    }

    [Fact]
    public void Parties_refreshing_different_generations_abort_without_blame()
    {
        var mixed = new Dictionary<int, KeyShare> { [1] = fixture.Refreshed[1], [2] = fixture.Refreshed[2], [3] = fixture.Shares[3] };
        var outcome = TolerantRunner.Run(KeygenHarness.RefreshParties(KeygenHarness.Session(34), mixed, 34));
        Assert.Empty(outcome.Outputs);
        Assert.Equal(3, outcome.Aborts.Count);
        Assert.All(outcome.Aborts.Values, a =>
        {
            Assert.Equal(AbortChecks.SessionDigestMismatch, a.Check);
            Assert.Null(a.Culprit);
            Assert.False(a.BanRecommended);
        });
    }

    [Fact]
    public void Shares_whose_public_shares_do_not_make_the_public_key_stop_before_any_share_is_sent()
    {
        // Every party holds the same, internally inconsistent public data (Y' ≠ Σλ_j·S_j), so the session digests and
        // every dealer's constant term agree; the aggregated constant terms then miss Y'. That must stop the refresh
        // while completing K2, before a single K3 message (which carries secret shares) is sent.
        var wrongKey = fixture.Shares[1].PublicKey + Point.Generator;
        var inconsistent = fixture.Shares.ToDictionary(p => p.Key, p =>
        {
            var s = p.Value;
            return new KeyShare(s.Threshold, s.PartyCount, s.Self, s.Generation, s.KeyId, s.SecretShare, wrongKey, s.PublicShares, s.RootChainCode, s.Pairwise);
        });

        var outcome = TolerantRunner.Run(KeygenHarness.RefreshParties(KeygenHarness.Session(36), inconsistent, 36));

        Assert.Empty(outcome.Outputs);
        Assert.Equal([1, 2, 3], outcome.Aborts.Keys.Order());
        Assert.All(outcome.Aborts.Values, a =>
        {
            Assert.Equal(AbortChecks.RefreshPublicKey, a.Check);
            Assert.Null(a.Culprit);
        });
        Assert.DoesNotContain(outcome.Sent, m => m.Round >= 3);
    }

    [Fact]
    public void A_dealer_whose_constant_term_is_not_its_share_is_blamed()
    {
        var honest = fixture.Shares[2];
        var forged = new KeyShare(honest.Threshold, honest.PartyCount, honest.Self, honest.Generation, honest.KeyId, honest.SecretShare + Scalar.One, honest.PublicKey, honest.PublicShares, honest.RootChainCode, honest.Pairwise);
        var session = KeygenHarness.Session(35);
        var parties = new[]
        {
            new KeyRefreshParty(session, fixture.Shares[1], new SeededRandomSource(351)),
            new KeyRefreshParty(session, forged, new SeededRandomSource(352)),
            new KeyRefreshParty(session, fixture.Shares[3], new SeededRandomSource(353)),
        };
        var outcome = TolerantRunner.Run(parties);
        foreach (var honestParty in new[] { 1, 3 })
        {
            Assert.Equal(AbortChecks.RefreshConstantTerm, outcome.Aborts[honestParty].Check);
            Assert.Equal(2, outcome.Aborts[honestParty].Culprit);
        }
    }
}
