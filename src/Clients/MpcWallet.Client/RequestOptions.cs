namespace MpcWallet.Client;

/// <summary>Per-request settings of a creating POST.</summary>
public sealed record RequestOptions
{
    /// <summary>The <c>Idempotency-Key</c>; null = a new one per call when <see cref="MpcWalletClientOptions.AutomaticIdempotencyKeys"/> is on.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>
    /// <c>Prefer: wait=N</c> (RFC 7240, at most 30 s on the server): the answer comes once the resource is final or N
    /// seconds have passed, whichever is first. Null = answer at once (202 with the current state).
    /// </summary>
    public TimeSpan? Wait { get; init; }

    public static RequestOptions WithKey(string idempotencyKey) => new() { IdempotencyKey = idempotencyKey };

    public static RequestOptions WaitingFor(TimeSpan wait) => new() { Wait = wait };
}
