namespace MpcWallet.Client;

/// <summary>Settings of an <see cref="MpcWalletClient"/>.</summary>
public sealed record MpcWalletClientOptions
{
    /// <summary>The service's base address, e.g. http://127.0.0.1:5080/. Required unless the HttpClient has one.</summary>
    public Uri? BaseAddress { get; init; }

    /// <summary>The API key, sent as <c>Authorization: Bearer</c>. Null when the HttpClient already authenticates.</summary>
    public string? ApiKey { get; init; }

    /// <summary>
    /// Give every creating POST an <c>Idempotency-Key</c> (a new GUID per call, reused on its retries) when the caller
    /// gives none, so a retried request never creates a second wallet, signature or transaction. Default on.
    /// </summary>
    public bool AutomaticIdempotencyKeys { get; init; } = true;

    /// <summary>How often a creating POST is retried after a transport failure or a 502/503/504 (same idempotency key).</summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>Pause before the first retry; doubled for each further one.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often the WaitUntil… helpers read the resource.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);
}
