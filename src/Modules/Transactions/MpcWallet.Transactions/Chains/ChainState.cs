namespace MpcWallet.Transactions.Chains;

internal enum ChainState
{
    /// <summary>Not yet verified (start-up check running, or the node did not answer yet).</summary>
    Unverified,

    /// <summary>The node reported the configured chain id.</summary>
    Ready,

    /// <summary>The node reported another chain id: nothing is ever sent there.</summary>
    Refused,
}
