namespace MpcWallet.Transactions.Persistence;

/// <summary>The next nonce of one sender on one chain; <see cref="Version"/> is the optimistic-concurrency token.</summary>
internal sealed class NonceRecord
{
    public required long ChainId { get; set; }

    /// <summary>Lowercase 0x address.</summary>
    public required string Sender { get; set; }

    public required long NextNonce { get; set; }

    public required long Version { get; set; }
}
