using System.Diagnostics;
using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Keygen;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Ot;
using MpcWallet.Mpc.Tests.Support;
using Xunit.Abstractions;

namespace MpcWallet.Mpc.Tests.Keygen;

public sealed class KeyGenerationTests(ITestOutputHelper output)
{
    [Fact]
    public void Constant_terms_that_cancel_abort_with_degenerate_key_and_blame_nobody()
    {
        // Party 2's random source is rigged so that its constant term is minus party 1's (the first draw of each):
        // Y = identity. Every commitment, proof and Feldman check passes; only the degenerate-key check stops it.
        var session = KeygenHarness.Session(41);
        var a10 = Scalar.Random(new SeededRandomSource(4101));
        var parties = new[]
        {
            new KeyGenerationParty(session, 1, 2, 2, new SeededRandomSource(4101)),
            new KeyGenerationParty(session, 2, 2, 2, new PrefixedRandomSource((-a10).ToBytes(), new SeededRandomSource(4102))),
        };

        var outcome = TolerantRunner.Run(parties);

        Assert.Empty(outcome.Outputs);
        Assert.Equal([1, 2], outcome.Aborts.Keys.Order());
        Assert.All(outcome.Aborts.Values, a =>
        {
            Assert.Equal(AbortChecks.DegenerateKey, a.Check);
            Assert.Null(a.Culprit);
            Assert.False(a.BanRecommended);
        });

        // ... and it stops them before any secret share (K3) leaves a party.
        Assert.DoesNotContain(outcome.Sent, m => m.Round >= 3);
    }

    [Fact]
    public void A_public_share_that_is_the_identity_aborts_with_degenerate_key()
    {
        // Party 2 rigs both its coefficients so that the joint polynomial vanishes at x = 1: S_1 = identity and party
        // 1's share would be zero. The joint coefficients are not the identity, every check before passes.
        var session = KeygenHarness.Session(42);
        var own = new SeededRandomSource(4201);
        var (a10, a11) = (Scalar.Random(own), Scalar.Random(own));
        var a21 = Scalar.FromUInt64(5);
        var a20 = -(a10 + a11 + a21);
        var parties = new[]
        {
            new KeyGenerationParty(session, 1, 2, 2, new SeededRandomSource(4201)),
            new KeyGenerationParty(session, 2, 2, 2, new PrefixedRandomSource(new SeededRandomSource(4202), a20.ToBytes(), a21.ToBytes())),
        };

        var outcome = TolerantRunner.Run(parties);

        Assert.Empty(outcome.Outputs);
        Assert.Equal([1, 2], outcome.Aborts.Keys.Order());
        Assert.All(outcome.Aborts.Values, a =>
        {
            Assert.Equal(AbortChecks.DegenerateKey, a.Check);
            Assert.Null(a.Culprit);
        });
    }

    [Theory]
    [InlineData(2, 2, 11)]
    [InlineData(2, 3, 12)]
    [InlineData(3, 5, 13)]
    [InlineData(5, 7, 14)]
    public void All_parties_agree_and_any_t_shares_recover_the_key(int threshold, int partyCount, int seed)
    {
        var stopwatch = Stopwatch.StartNew();
        var shares = KeygenHarness.RunKeygen(threshold, partyCount, seed);
        output.WriteLine($"keygen {threshold}-of-{partyCount}: {stopwatch.ElapsedMilliseconds} ms (all parties, one thread)");

        var first = shares[1];
        foreach (var share in shares.Values)
        {
            Assert.Equal(threshold, share.Threshold);
            Assert.Equal(partyCount, share.PartyCount);
            Assert.Equal(0u, share.Generation);
            Assert.Equal(first.PublicKey, share.PublicKey);
            Assert.Equal(first.KeyId, share.KeyId);
            Assert.Equal(first.RootChainCode, share.RootChainCode);
            Assert.Equal(first.PublicShares, share.PublicShares);
            Assert.Equal(Point.MultiplyGenerator(share.SecretShare), share.PublicShares[share.Self - 1]);
        }

        var random = new Random(seed);
        for (var trial = 0; trial < 5; trial++)
        {
            var subset = Enumerable.Range(1, partyCount).OrderBy(_ => random.Next()).Take(threshold).Order().ToArray();
            Assert.Equal(first.PublicKey, Point.MultiplyGenerator(KeygenHarness.Combine(shares, subset)));
            var tooFew = subset.Take(threshold - 1).ToArray();
            Assert.NotEqual(first.PublicKey, Point.MultiplyGenerator(KeygenHarness.Combine(shares, tooFew)));
        }

        AssertPairwiseConsistent(shares);
        foreach (var share in shares.Values)
        {
            var decoded = KeyShare.Decode(share.Encode());
            Assert.Equal(share.Encode(), decoded.Encode());
            Assert.Equal(share.SecretShare, decoded.SecretShare);
        }
    }

    internal static void AssertPairwiseConsistent(IReadOnlyDictionary<int, KeyShare> shares)
    {
        foreach (var (i, share) in shares)
        {
            foreach (var pair in share.Pairwise)
            {
                var j = pair.Counterparty;
                var mirror = shares[j].With(i);
                Assert.Equal(pair.ZeroShareSeed, mirror.ZeroShareSeed);
                AssertSeedsCorrelated(pair.AsSender, mirror.AsReceiver);
            }
        }
    }

    /// <summary>The extension sender holds, for every base OT k, the receiver's seed number Δ_k — and not the other.</summary>
    internal static void AssertSeedsCorrelated(OtExtensionSenderSeeds sender, OtExtensionReceiverSeeds receiver)
    {
        const int length = OtParameters.SeedLength;
        for (var k = 0; k < OtParameters.BaseOtCount; k++)
        {
            var seed = sender.Seeds.AsSpan(k * length, length);
            var chosen = KeygenHarness.Bit(sender.Delta, k) ? receiver.Seeds1 : receiver.Seeds0;
            var other = KeygenHarness.Bit(sender.Delta, k) ? receiver.Seeds0 : receiver.Seeds1;
            Assert.True(seed.SequenceEqual(chosen.AsSpan(k * length, length)), $"base OT {k}: seed differs from the chosen one");
            Assert.False(seed.SequenceEqual(other.AsSpan(k * length, length)), $"base OT {k}: seed equals the unchosen one");
        }
    }
}
