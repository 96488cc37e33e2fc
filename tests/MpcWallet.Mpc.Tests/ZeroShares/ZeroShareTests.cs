using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Tests.Support;
using MpcWallet.Mpc.ZeroShares;

namespace MpcWallet.Mpc.Tests.ZeroShares;

public sealed class ZeroShareTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    public void Zero_shares_sum_to_zero_for_every_subset(int n)
    {
        var random = new SeededRandomSource(n);
        var seeds = PairSeeds(n, random);
        var sid = new byte[32];
        random.Fill(sid);

        for (var mask = 1; mask < 1 << n; mask++)
        {
            var subset = Enumerable.Range(1, n).Where(i => (mask & (1 << (i - 1))) != 0).ToArray();
            if (subset.Length < 2)
            {
                continue;
            }

            var sum = Scalar.Zero;
            foreach (var i in subset)
            {
                var zeta = ZeroShare.Evaluate(i, subset, j => seeds[(Math.Min(i, j), Math.Max(i, j))], sid);
                Assert.False(zeta.IsZero);
                sum += zeta;
            }

            Assert.True(sum.IsZero, $"subset {string.Join(",", subset)}");
        }
    }

    [Fact]
    public void Shares_change_with_the_session_and_ignore_non_signers()
    {
        var random = new SeededRandomSource(11);
        var seeds = PairSeeds(4, random);
        var sid1 = new byte[32];
        var sid2 = new byte[32];
        random.Fill(sid1);
        random.Fill(sid2);
        byte[] Seed(int i, int j) => seeds[(Math.Min(i, j), Math.Max(i, j))];

        Assert.NotEqual(ZeroShare.Evaluate(1, [1, 2, 3], j => Seed(1, j), sid1), ZeroShare.Evaluate(1, [1, 2, 3], j => Seed(1, j), sid2));

        // Party 4's seed must not be consulted for the set {1, 2, 3}.
        var asked = new List<int>();
        ZeroShare.Evaluate(1, [1, 2, 3], j => { asked.Add(j); return Seed(1, j); }, sid1);
        Assert.Equal([2, 3], asked.Order());
    }

    [Fact]
    public void A_set_without_self_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => ZeroShare.Evaluate(1, [2, 3], _ => new byte[32], new byte[32]));
        Assert.Throws<ArgumentException>(() => ZeroShare.Evaluate(1, [1, 2, 2], _ => new byte[32], new byte[32]));
    }

    private static Dictionary<(int, int), byte[]> PairSeeds(int n, SeededRandomSource random)
    {
        var seeds = new Dictionary<(int, int), byte[]>();
        for (var i = 1; i <= n; i++)
        {
            for (var j = i + 1; j <= n; j++)
            {
                var seed = new byte[32];
                random.Fill(seed);
                seeds[(i, j)] = seed;
            }
        }

        return seeds;
    }
}
