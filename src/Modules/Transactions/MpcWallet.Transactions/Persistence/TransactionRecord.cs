namespace MpcWallet.Transactions.Persistence;

/// <summary>One requested transaction (and its nonce) with the state of its lifecycle; amounts are decimal wei strings.</summary>
internal sealed class TransactionRecord
{
    public required string Id { get; set; }

    public required string Tenant { get; set; }

    public required string WalletId { get; set; }

    /// <summary><see cref="TransactionKinds"/>: a transfer, an ERC-20 transfer, a contract call, or a 0-value self-transfer that fills a released nonce.</summary>
    public required string Kind { get; set; }

    public required long ChainId { get; set; }

    /// <summary>EIP-55 address of the wallet.</summary>
    public required string From { get; set; }

    /// <summary>The non-hardened BIP32 path ("m/0/7") of the key <see cref="From"/> belongs to; null for the wallet's root key.</summary>
    public string? DerivationPath { get; set; }

    public required string To { get; set; }

    public required string Value { get; set; }

    public required string Data { get; set; }

    /// <summary>The kind's own view as JSON (<see cref="KindDetails"/>); null for plain transfers and fillers.</summary>
    public string? Details { get; set; }

    public required long GasLimit { get; set; }

    public required string MaxFeePerGas { get; set; }

    public required string MaxPriorityFeePerGas { get; set; }

    /// <summary>Null when the transaction failed before it held a nonce, or released its nonce.</summary>
    public long? Nonce { get; set; }

    public required string Status { get; set; }

    /// <summary>The mined attempt's hash, else the latest broadcast one.</summary>
    public string? Hash { get; set; }

    public long? BlockNumber { get; set; }

    public string? BlockHash { get; set; }

    public int Confirmations { get; set; }

    /// <summary>Deep enough that reorgs are no longer watched for.</summary>
    public bool Final { get; set; }

    public string? Error { get; set; }

    public required DateTimeOffset CreatedAt { get; set; }

    public required DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Creation order, for newest-first paging.</summary>
    public required long Sequence { get; set; }

    /// <summary>The W3C traceparent of the request that created it: the chain poller's work on it (receipt, reorg) continues that trace. Null before version 6.</summary>
    public string? TraceParent { get; set; }
}
