namespace MpcWallet.Transactions.Configuration;

/// <summary>The <c>Transactions</c> section: timers shared by all chains.</summary>
internal sealed class TransactionsOptions
{
    public const string Section = "Transactions";

    /// <summary>First delay before the same signed bytes are sent again; doubles per send up to <see cref="MaxRebroadcastInterval"/>.</summary>
    public TimeSpan RebroadcastInterval { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan MaxRebroadcastInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A signature request unanswered this long is sent again (same signature id, so at most one signature).</summary>
    public TimeSpan SignatureResendAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// An attempt still without a signature after this long is given up: rejected, and the transaction fails before
    /// broadcast (nonce released) when it has no other attempt. A late signature for it is ignored.
    /// </summary>
    public TimeSpan SigningTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a JSON-RPC call (<c>POST /v1/wallets/{id}/rpc</c>) waits for its answer: <c>eth_sendTransaction</c>
    /// until the transaction is broadcast, <c>personal_sign</c> and <c>eth_signTypedData_v4</c> for the signature.
    /// </summary>
    public TimeSpan RpcWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the outbox is swept when nobody signalled it.</summary>
    public TimeSpan OutboxSweepInterval { get; set; } = TimeSpan.FromSeconds(1);
}
