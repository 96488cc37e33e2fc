using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Keygen;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Refresh;
using MpcWallet.Mpc.Sharing;
using MpcWallet.Mpc.Tests.Support;

namespace MpcWallet.Mpc.Tests.Keygen;

/// <summary>Builds and runs whole key-generation and refresh runs in process, with seeded randomness.</summary>
internal static class KeygenHarness
{
    public static SessionId Session(int seed) => SessionId.Random(new SeededRandomSource(unchecked((seed * 7919) + 17)));

    public static KeyGenerationParty[] KeygenParties(SessionId session, int threshold, int partyCount, int seed) =>
        Enumerable.Range(1, partyCount)
            .Select(i => new KeyGenerationParty(session, i, threshold, partyCount, new SeededRandomSource((seed * 100) + i)))
            .ToArray();

    public static KeyRefreshParty[] RefreshParties(SessionId session, IReadOnlyDictionary<int, KeyShare> shares, int seed) =>
        shares.OrderBy(s => s.Key)
            .Select(s => new KeyRefreshParty(session, s.Value, new SeededRandomSource((seed * 100) + s.Key)))
            .ToArray();

    public static IReadOnlyDictionary<int, KeyShare> RunKeygen(int threshold, int partyCount, int seed, ProtocolRunner.Interceptor? intercept = null, List<ProtocolMessage>? transcript = null) =>
        ProtocolRunner.Run(KeygenParties(Session(seed), threshold, partyCount, seed), intercept, shuffleSeed: seed, transcript);

    public static IReadOnlyDictionary<int, KeyShare> RunRefresh(IReadOnlyDictionary<int, KeyShare> shares, int seed, ProtocolRunner.Interceptor? intercept = null, List<ProtocolMessage>? transcript = null) =>
        ProtocolRunner.Run(RefreshParties(Session(seed), shares, seed), intercept, shuffleSeed: seed, transcript);

    /// <summary>Σ λ_j(S)·s_j over the given parties' shares.</summary>
    public static Scalar Combine(IReadOnlyDictionary<int, KeyShare> shares, IReadOnlyList<int> subset)
    {
        var secret = Scalar.Zero;
        foreach (var j in subset)
        {
            secret += Lagrange.CoefficientAtZero(j, subset) * shares[j].SecretShare;
        }

        return secret;
    }

    public static bool Bit(byte[] bits, int k) => ((bits[k / 8] >> (k % 8)) & 1) == 1;
}
