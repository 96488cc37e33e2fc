namespace MpcWallet.Ethereum.Rpc;

/// <summary>Timeouts and retry policy of <see cref="EthereumRpcClient"/>.</summary>
public sealed record EthereumRpcClientOptions
{
    /// <summary>Per attempt; an attempt that exceeds it counts as a transport failure.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after the first attempt, on transport failures only (0 disables retrying).</summary>
    public int MaxRetryAttempts { get; init; } = 3;

    /// <summary>First backoff delay; it doubles per retry (with jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Answers larger than this are refused (they would otherwise be buffered whole).</summary>
    public int MaxResponseBytes { get; init; } = 16 * 1024 * 1024;

    internal void Validate()
    {
        if (AttemptTimeout <= TimeSpan.Zero || MaxRetryAttempts < 0 || RetryBaseDelay < TimeSpan.Zero || MaxRetryDelay < RetryBaseDelay || MaxResponseBytes < 1024)
        {
            throw new ArgumentException("Invalid EthereumRpcClientOptions: timeouts must be positive, retries ≥ 0, MaxRetryDelay ≥ RetryBaseDelay, MaxResponseBytes ≥ 1024.");
        }
    }
}
