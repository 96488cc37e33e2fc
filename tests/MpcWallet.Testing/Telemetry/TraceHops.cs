using System.Diagnostics;

namespace MpcWallet.Testing.Telemetry;

/// <summary>The hops the trace of a signature and of a transfer must cover (single host and split deployment alike).</summary>
public static class TraceHops
{
    public static readonly TraceHop RestRequest = TraceHop.Any("REST server span", s => s.Kind == ActivityKind.Server && s.Source == "Microsoft.AspNetCore" && s["url.path"]?.StartsWith("/v1/", StringComparison.Ordinal) == true);

    public static readonly TraceHop SigningRun = TraceHop.Any("coordinator signing run", s => s.Source == "MpcWallet.Coordinator" && s.Name == "coordinator signing run");

    public static readonly TraceHop NodeControlClient = TraceHop.Any("NodeControl gRPC client span", s => s.Kind == ActivityKind.Client && s.Source == "OpenTelemetry.Instrumentation.GrpcNetClient" && s.Name.StartsWith("mpcwallet.control.v1.NodeControl/", StringComparison.Ordinal));

    public static readonly TraceHop NodeControlServer = TraceHop.Any("NodeControl gRPC server span", s => s.Kind == ActivityKind.Server && s["url.path"]?.Contains("NodeControl", StringComparison.Ordinal) == true);

    /// <summary>Every protocol round (1..3 of signing) has a span, on at least two nodes (a quorum of the 2-of-3 wallets the tests use).</summary>
    public static readonly TraceHop NodeRounds = new("node round spans (rounds 1-3, two or more nodes)", spans =>
    {
        var rounds = spans.Where(s => s.Source == "MpcWallet.Node" && s.Name == "mpc round").ToList();
        return rounds.Select(s => s["mpcwallet.node.id"]).Distinct().Count() >= 2
            && new[] { "1", "2", "3" }.All(r => rounds.Any(s => s["mpcwallet.round"] == r));
    });

    public static TraceHop Sent(string channel) => TraceHop.Any($"MassTransit send/publish on {channel}", s => s.Source == "MassTransit" && s.Kind == ActivityKind.Producer && Destination(s)?.Contains(channel, StringComparison.Ordinal) == true);

    public static TraceHop Received(string channel) => TraceHop.Any($"MassTransit receive on {channel}", s => s.Source == "MassTransit" && s.Kind == ActivityKind.Consumer && Destination(s)?.Contains(channel, StringComparison.Ordinal) == true);

    /// <summary>Key generation: every one of the three nodes runs rounds, each reports its stored share on state_sync, the coordinator's answer goes out on events.</summary>
    public static IReadOnlyList<TraceHop> WalletCreation =>
    [
        RestRequest,
        TraceHop.Any("coordinator key generation run", s => s.Source == "MpcWallet.Coordinator" && s.Name == "coordinator key generation run"),
        NodeControlClient, NodeControlServer,
        new("key generation round spans on all three nodes", spans => spans.Where(s => s.Source == "MpcWallet.Node" && s.Name == "mpc round" && s["mpcwallet.session.kind"] == "KeyGeneration").Select(s => s["mpcwallet.node.id"]).Distinct().Count() == 3),
        Sent("mpc_rounds"), Received("mpc_rounds"), Sent("state_sync"), Received("state_sync"), Sent("events"),
    ];

    public static IReadOnlyList<TraceHop> Signature =>
    [
        RestRequest, SigningRun, NodeControlClient, NodeControlServer,
        NodeRounds,
        Sent("mpc_rounds"), Received("mpc_rounds"), Sent("partial_signatures"), Received("partial_signatures"), Sent("events"),
    ];

    /// <param name="chainPort">The chain's JSON-RPC port: the transaction service's HTTP client spans go there.</param>
    public static IReadOnlyList<TraceHop> Transfer(int chainPort) =>
    [
        .. Signature,
        Sent("signature_requests"), Received("signature_requests"), Sent("signatures_final"), Received("signatures_final"),
        // url.full is cut to the origin (a provider's API key may sit in the RPC URL's path).
        TraceHop.Any("JSON-RPC HTTP client span to the chain (URL without path)", s => s.Kind == ActivityKind.Client && s.Source == "System.Net.Http" && s["server.port"] == Port(chainPort) && s["url.full"]?.EndsWith(":" + Port(chainPort), StringComparison.Ordinal) == true),
        TraceHop.Any("transactions receipt", s => s.Source == "MpcWallet.Transactions" && s.Name == "transactions receipt"),
    ];

    private static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string? Destination(RecordedSpan span) => span["messaging.destination.name"] ?? span["messaging.destination"] ?? span.Name;
}
