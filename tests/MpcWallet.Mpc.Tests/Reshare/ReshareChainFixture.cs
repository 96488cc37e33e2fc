using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Reshare;
using MpcWallet.Mpc.Tests.Keygen;

namespace MpcWallet.Mpc.Tests.Reshare;

/// <summary>
/// The chain, by node: key generation 2-of-3 on nodes {1,2,3}; reshare to 3-of-4 on {1,2,4,5} dealt by nodes 1
/// and 3 (node 3 is being removed; node 2 keeps its place without dealing); reshare to 2-of-3 on {2,4,5} dealt by all
/// three of them (node 1 is removed without taking part).
/// </summary>
public sealed class ReshareChainFixture
{
    public ReshareChainFixture()
    {
        Initial = KeygenHarness.RunKeygen(2, 3, 51);
        First = ReshareHarness.Run(Initial, dealers: [1, 3], newHolders: [1, 2, 4, 5], newThreshold: 3, seed: 52);
        Second = ReshareHarness.Run(ReshareHarness.NewShares(First), dealers: [2, 4, 5], newHolders: [2, 4, 5], newThreshold: 2, seed: 53);
    }

    /// <summary>Node = index for key generation.</summary>
    internal IReadOnlyDictionary<int, KeyShare> Initial { get; }

    /// <summary>By node (1..5).</summary>
    internal IReadOnlyDictionary<int, ReshareResult> First { get; }

    internal IReadOnlyDictionary<int, ReshareResult> Second { get; }
}
