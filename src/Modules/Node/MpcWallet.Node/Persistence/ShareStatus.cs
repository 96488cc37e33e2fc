namespace MpcWallet.Node.Persistence;

/// <summary>A stored share's status (docs/design-lifecycle.md, "Generations").</summary>
internal static class ShareStatus
{
    /// <summary>Stored by a refresh whose generation the coordinator has not switched to; replaced by a retry.</summary>
    public const string Pending = "pending";

    /// <summary>The wallet's generation in use (or, briefly, the one before it until the commit erases it).</summary>
    public const string Committed = "committed";
}
