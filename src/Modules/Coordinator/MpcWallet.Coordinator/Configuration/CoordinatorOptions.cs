namespace MpcWallet.Coordinator.Configuration;

/// <summary>The <c>Coordinator</c> section: liveness and session deadlines.</summary>
internal sealed class CoordinatorOptions
{
    public const string Section = "Coordinator";

    /// <summary>A node whose last heartbeat is older than this counts as offline.</summary>
    public TimeSpan OfflineAfter { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>How long one signing session may run before it is aborted and retried with another quorum.</summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The same for key generation, which costs far more CPU (base OTs, OT extension, proofs).</summary>
    public TimeSpan KeyGenerationSessionTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long NodeControl calls (prepare, begin, abort, info) may take.</summary>
    public TimeSpan ControlCallTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait for enough online nodes before an attempt gives up.</summary>
    public TimeSpan QuorumWait { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Sessions per request before it fails for good.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>A signature request that has not completed by then fails.</summary>
    public TimeSpan SignatureDeadline { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan KeyGenerationDeadline { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>A refresh operation that has not switched the wallet's generation by then fails (the wallet keeps signing with its generation).</summary>
    public TimeSpan RefreshDeadline { get; set; } = TimeSpan.FromSeconds(180);

    /// <summary>Concurrent sessions the coordinator drives.</summary>
    public int MaxConcurrentRuns { get; set; } = 8;

    /// <summary>This coordinator among several sharing one database and broker (default: random per process start).</summary>
    public string InstanceId { get; set; } = "";

    /// <summary>How long a claim on a request lasts without renewal; another coordinator takes the request over after it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often every coordinator looks for pending requests whose owner's lease ran out.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The file holding this instance's identity keys (Ed25519 command signing, X25519), created (0600) when absent.
    /// Default: <c>&lt;data directory&gt;/coordinator/identity.key</c>. Its public keys must be in the cluster manifest.
    /// </summary>
    public string IdentityKeyFile { get; set; } = "";

    /// <summary>The NodeControl client certificate (https node endpoints) and the optional CA of the nodes' certificates.</summary>
    public CoordinatorTlsOptions Tls { get; set; } = new();

    /// <summary>How long a node accepts a command this coordinator signed (it is sent at once; this covers clock skew).</summary>
    public TimeSpan CommandLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often a run checks the store for a session another coordinator completed or failed.</summary>
    public TimeSpan SessionPollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Node reports (partials, key-share reports, state hints, heartbeats, session failures) sent longer ago than this
    /// are dropped as replays or stale copies (docs/channel.md, "Signed node messages").
    /// </summary>
    public TimeSpan NodeMessageMaxAge { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Node reports dated further in the future than this (clock skew allowance) are dropped.</summary>
    public TimeSpan NodeMessageMaxFuture { get; set; } = TimeSpan.FromSeconds(30);
}
