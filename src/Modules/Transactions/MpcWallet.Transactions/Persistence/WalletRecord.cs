namespace MpcWallet.Transactions.Persistence;

/// <summary>What this module knows of a wallet, from the coordinator's <c>WalletCreated</c> events.</summary>
internal sealed class WalletRecord
{
    public required string Id { get; set; }

    public required string Tenant { get; set; }

    public required string Address { get; set; }

    public required string PublicKey { get; set; }

    /// <summary>The root BIP32 chain code (0x-hex) for derived sender addresses; null for wallets announced before it was published.</summary>
    public string? ChainCode { get; set; }

    /// <summary>The wallet signs raw digests (its policy, fixed at creation); then it also serves eth_signTransaction.</summary>
    public bool AllowRawDigest { get; set; }
}
