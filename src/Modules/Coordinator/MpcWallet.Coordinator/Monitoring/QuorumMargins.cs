namespace MpcWallet.Coordinator.Monitoring;

/// <summary>
/// How many active wallets stand how close to losing their quorum, from the groups of wallets sharing a holder set
/// and threshold (bounded by the cluster, not by the number of wallets) and which nodes are online now.
/// </summary>
internal sealed record QuorumMargins(long Active, long BelowMargin, long WithoutQuorum)
{
    public static QuorumMargins Of(IEnumerable<WalletGroup> groups, Func<string, bool> isOnline)
    {
        long active = 0, below = 0, without = 0;
        foreach (var group in groups)
        {
            var online = group.Holders.Count(isOnline);
            active += group.Wallets;
            if (online < group.Threshold + 1)
            {
                below += group.Wallets;
            }

            if (online < group.Threshold)
            {
                without += group.Wallets;
            }
        }

        return new QuorumMargins(active, below, without);
    }
}
