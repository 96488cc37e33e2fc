namespace MpcWallet.Transactions.Configuration;

/// <summary>One entry of <c>Chains</c>: an EVM chain this service sends on.</summary>
internal sealed class ChainOptions
{
    public ulong ChainId { get; set; }

    public string RpcUrl { get; set; } = "";

    /// <summary>Blocks (the receipt's own included) before a transaction counts as confirmed.</summary>
    public int Confirmations { get; set; } = 1;

    /// <summary>How often receipts and the head are polled.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>An attempt not mined this long after it was broadcast is replaced with bumped fees.</summary>
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// A transaction still unmined this long after its first broadcast is cancelled (a 0-value self-transfer at its
    /// nonce, with bumped fees), so it cannot hold the wallet's later nonces for ever.
    /// </summary>
    public TimeSpan CancelAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Confirmed transactions are re-checked (reorgs) until their block is this deep.</summary>
    public int FinalityDepth { get; set; } = 64;

    public FeePolicyOptions FeePolicy { get; set; } = new();
}
