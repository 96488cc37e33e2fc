using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Derivation;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Reshare;
using MpcWallet.Mpc.Signing;
using MpcWallet.Mpc.Tests.Keygen;
using MpcWallet.Mpc.Tests.Signing;
using MpcWallet.Mpc.Tests.Support;

namespace MpcWallet.Mpc.Tests.Reshare;

public sealed class ReshareRoundTripTests(ReshareChainFixture chain) : IClassFixture<ReshareChainFixture>
{
    [Fact]
    public void The_key_and_chain_code_stay_while_threshold_holders_and_generation_change()
    {
        var initial = chain.Initial;
        var key = KeygenHarness.Combine(initial, [1, 2]);
        var publicKey = initial[1].PublicKey;
        Assert.Equal(publicKey, Point.MultiplyGenerator(key));

        var first = ReshareHarness.NewShares(chain.First);
        Assert.Equal([1, 2, 4, 5], first.Keys.Order());
        Assert.All(first, p =>
        {
            Assert.Equal(3, p.Value.Threshold);
            Assert.Equal(4, p.Value.PartyCount);
            Assert.Equal(1u, p.Value.Generation);
            Assert.Equal(publicKey, p.Value.PublicKey);
            Assert.Equal(initial[1].RootChainCode, p.Value.RootChainCode);
            Assert.Equal(chain.First[1].KeyId, p.Value.KeyId);
            Assert.NotEqual(initial[1].KeyId, p.Value.KeyId);
        });
        Assert.Equal([1, 2, 3, 4], first.Values.Select(s => s.Self).Order());
        Assert.Equal(3, first[5].Self - 1);

        var second = ReshareHarness.NewShares(chain.Second);
        Assert.Equal([2, 4, 5], second.Keys.Order());
        Assert.All(second.Values, s =>
        {
            Assert.Equal(2, s.Threshold);
            Assert.Equal(3, s.PartyCount);
            Assert.Equal(2u, s.Generation);
            Assert.Equal(publicKey, s.PublicKey);
            Assert.Equal(initial[1].RootChainCode, s.RootChainCode);
            Assert.NotEqual(first[2].KeyId, s.KeyId);
        });

        // Every quorum of every generation interpolates to the same secret key.
        foreach (var (shares, t) in new[] { (ReshareHarness.ByIndex(first), 3), (ReshareHarness.ByIndex(second), 2) })
        {
            foreach (var subset in Subsets(shares.Count, t))
            {
                Assert.Equal(key, KeygenHarness.Combine(shares, subset));
            }
        }

        KeyGenerationTests.AssertPairwiseConsistent(ReshareHarness.ByIndex(first));
        KeyGenerationTests.AssertPairwiseConsistent(ReshareHarness.ByIndex(second));
    }

    [Fact]
    public void Kept_nodes_get_new_secrets_and_a_new_pairwise_setup()
    {
        var before = chain.Initial[2];
        var after = chain.First[2].Share!;
        Assert.NotEqual(before.SecretShare, after.SecretShare);
        Assert.NotEqual(before.With(1).ZeroShareSeed, after.With(1).ZeroShareSeed);
        Assert.NotEqual(before.With(1).AsSender.Seeds, after.With(1).AsSender.Seeds);
    }

    [Fact]
    public void A_dealer_that_leaves_gets_no_share_but_the_same_confirmed_public_data()
    {
        var removed = chain.First[3];
        Assert.Null(removed.Share);
        Assert.Equal(1u, removed.Generation);
        Assert.Equal(3, removed.Threshold);
        Assert.Equal(4, removed.PartyCount);
        Assert.Equal(chain.First[1].KeyId, removed.KeyId);
        Assert.Equal(chain.First[1].Share!.PublicShares, removed.PublicShares);
        Assert.Equal(chain.Initial[1].PublicKey, removed.PublicKey);
    }

    [Fact]
    public void Every_allowed_quorum_of_each_new_set_signs_and_verifies_independently()
    {
        var random = new SeededRandomSource(54);
        foreach (var result in new[] { chain.First, chain.Second })
        {
            var shares = ReshareHarness.NewShares(result).Values.OrderBy(s => s.Self).Select(s => KeyShare.Decode(s.Encode())).ToArray();
            var root = shares[0].PublicKey;
            var child = KeyDerivation.DeriveChild(root, shares[0].RootChainCode, [0, 7]).PublicKey;
            foreach (var signers in Subsets(shares.Length, shares[0].Threshold))
            {
                var digest = new byte[32];
                random.Fill(digest);
                var signature = SigningHarness.Sign(shares, signers, digest, [0, 7], random);
                Assert.True(IndependentVerifier.VerifyWithDotNet(child, digest, signature), $"signers {string.Join(",", signers)}");
                Assert.Equal(IndependentVerifier.Address(child), IndependentVerifier.Address(EcdsaVerification.RecoverPublicKey(digest, signature.R, signature.S, signature.RecoveryId)!));

                var rootDigest = new byte[32];
                random.Fill(rootDigest);
                Assert.True(IndependentVerifier.VerifyWithDotNet(root, rootDigest, SigningHarness.Sign(shares, signers, rootDigest, [], random)));
            }
        }
    }

    [Fact]
    public void An_old_generation_share_cannot_sign_with_new_ones()
    {
        var random = new SeededRandomSource(55);
        var digest = new byte[32];
        random.Fill(digest);
        var second = ReshareHarness.NewShares(chain.Second);

        // Node 1 was removed by the second reshare; node 3 by the first. Both old shares are 2-of-3 like the newest.
        foreach (var (old, fresh) in new[] { (chain.Initial[1], second[4]), (chain.Initial[3], second[2]), (chain.Initial[2], second[5]) })
        {
            var sid = SessionId.Random(random);
            int[] signers = [.. new[] { old.Self, fresh.Self }.Order()];
            Assert.NotEqual(old.Self, fresh.Self);
            SigningParty[] parties = [new(sid, old, signers, digest, [], random), new(sid, fresh, signers, digest, [], random)];
            var run = AbortCollectingRunner.Run(parties);
            Assert.Empty(run.Outputs);
            Assert.Equal(AbortChecks.KeyGenerationMismatch, run.Aborts[old.Self].Check);
            Assert.Equal(fresh.Self, run.Aborts[old.Self].Culprit);
            Assert.Equal(AbortChecks.KeyGenerationMismatch, run.Aborts[fresh.Self].Check);
            Assert.Equal(old.Self, run.Aborts[fresh.Self].Culprit);
        }

        // Mixing shares of different thresholds is refused before any message (3-of-4 share, 2 signers).
        var first = ReshareHarness.NewShares(chain.First);
        Assert.Throws<ArgumentException>(() => new SigningParty(SessionId.Random(random), first[1], [1, 2], digest, [], random));
    }

    [Fact]
    public void More_dealers_than_the_threshold_give_the_same_key()
    {
        var result = ReshareHarness.Run(chain.Initial, dealers: [1, 2, 3], newHolders: [3, 1], newThreshold: 2, seed: 56);
        var shares = ReshareHarness.NewShares(result);
        Assert.Equal(2, shares[1].Self);
        Assert.Equal(1, shares[3].Self);
        Assert.Null(result[2].Share);
        Assert.Equal(KeygenHarness.Combine(chain.Initial, [1, 3]), KeygenHarness.Combine(ReshareHarness.ByIndex(shares), [1, 2]));
    }

    internal static List<int[]> Subsets(int n, int t)
    {
        var result = new List<int[]>();
        void Recurse(int start, List<int> current)
        {
            if (current.Count == t)
            {
                result.Add([.. current]);
                return;
            }

            for (var i = start; i <= n; i++)
            {
                current.Add(i);
                Recurse(i + 1, current);
                current.RemoveAt(current.Count - 1);
            }
        }

        Recurse(1, []);
        return result;
    }
}
