namespace MpcWallet.Coordinator.Sessions;

/// <summary>
/// Which holders sign: never one of the wallet's remembered suspects (<see cref="WalletSuspects"/>); among the rest,
/// nodes suspected earlier in the same request (a timeout, an unattributed failure) last.
/// </summary>
internal static class SigningQuorum
{
    /// <summary>The signers, or null when fewer than <paramref name="threshold"/> eligible holders are online.</summary>
    public static IReadOnlyList<string>? Choose(IReadOnlyList<string> online, int threshold, IReadOnlySet<string> excluded, IReadOnlySet<string> avoid)
    {
        var eligible = online.Where(n => !excluded.Contains(n)).ToArray();
        return eligible.Length < threshold ? null : eligible.OrderBy(n => avoid.Contains(n) ? 1 : 0).Take(threshold).ToArray();
    }
}
