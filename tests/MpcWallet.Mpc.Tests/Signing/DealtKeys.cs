using System.Collections.Concurrent;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Tests.Support;

namespace MpcWallet.Mpc.Tests.Signing;

/// <summary>
/// Dealt key shares cached per (t, n, seed) for the whole test run: dealing runs real base OTs for every ordered pair,
/// which costs far more than a signing session. Tests must not mutate the shares.
/// </summary>
internal static class DealtKeys
{
    private static readonly ConcurrentDictionary<(int T, int N, int Seed), Lazy<KeyShare[]>> Cache = new();

    public static KeyShare[] Get(int threshold, int partyCount, int seed = 1) =>
        Cache.GetOrAdd((threshold, partyCount, seed), key => new Lazy<KeyShare[]>(
            () => TrustedDealer.Deal(key.T, key.N, new SeededRandomSource((key.T * 1000) + (key.N * 10) + key.Seed)))).Value;
}
