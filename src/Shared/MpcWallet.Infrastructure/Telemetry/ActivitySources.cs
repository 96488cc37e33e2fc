using System.Diagnostics;

namespace MpcWallet.Infrastructure.Telemetry;

/// <summary>
/// The activity sources of the service, one per module, named here once: the host's tracer listens to exactly these
/// (plus ASP.NET Core, HttpClient, gRPC client and MassTransit). Attributes carry identifiers only (wallet, session,
/// signature, transaction, node, round, transaction hash), never a share, key, digest or anything derived from a secret.
/// </summary>
public static class ActivitySources
{
    public const string CoordinatorName = "MpcWallet.Coordinator";
    public const string NodeName = "MpcWallet.Node";
    public const string TransactionsName = "MpcWallet.Transactions";
    public const string OutboxName = "MpcWallet.Outbox";

    /// <summary>MassTransit's own source: send, publish and receive spans; it carries W3C trace context in message headers.</summary>
    public const string MassTransitName = "MassTransit";

    public static readonly ActivitySource Coordinator = new(CoordinatorName);
    public static readonly ActivitySource Node = new(NodeName);
    public static readonly ActivitySource Transactions = new(TransactionsName);
    public static readonly ActivitySource Outbox = new(OutboxName);

    public static IReadOnlyList<string> Names { get; } = [CoordinatorName, NodeName, TransactionsName, OutboxName, MassTransitName];
}
