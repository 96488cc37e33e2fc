using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MpcWallet.Infrastructure.Cluster;
using MpcWallet.Infrastructure.Messaging;
using MpcWallet.Infrastructure.Modules;
using MpcWallet.Infrastructure.Persistence;
using MpcWallet.Node.Configuration;
using MpcWallet.Node.Control;
using MpcWallet.Node.Engine;
using MpcWallet.Node.Hosting;
using MpcWallet.Node.Messaging;
using MpcWallet.Node.Runtime;
using MpcWallet.Node.Security;

namespace MpcWallet.Node;

/// <summary>The MPC nodes of this process: their services, one round queue per node, and NodeControl where the module decides.</summary>
public sealed class NodeModule : IMpcWalletModule
{
    private const string StoreName = "Node";

    public string Name => "node";

    /// <summary><c>Node</c> (which nodes, their key-encryption keys), what the nodes need of <c>Cluster</c>, and where their stores live.</summary>
    public void AddOptions(IServiceCollection services, ModuleContext context)
    {
        var ids = LocalNodeIds.From(context.Configuration);
        services.AddOptions<NodeOptions>().BindConfiguration(NodeOptions.Section).PostConfigure(o => o.Ids = [.. ids]).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NodeOptions>, NodeOptionsValidation>();
        services.AddOptionsValue<NodeOptions>();
        services.AddClusterOptions();
        services.AddSingleton<IValidateOptions<ClusterOptions>>(new NodeControlClusterValidation(ids, Hosting(context)));
        services.AddSingleton<IValidateOptions<NodeOptions>, NodeTrustValidation>();
        services.AddModuleDatabase(StoreName);
    }

    public void AddServices(IServiceCollection services, ModuleContext context)
    {
        var hosting = Hosting(context);
        services.AddSingleton(hosting);
        if (hosting.OnHostServer)
        {
            // gRPC clients speak cleartext HTTP/2 only with prior knowledge, so every endpoint of the host's server is
            // HTTP/2-only (health and metrics too: curl --http2-prior-knowledge).
            services.Configure<KestrelServerOptions>(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2));
            services.AddGrpc();

            // Over https (Kestrel's certificate settings): TLS 1.3, client certificates pinned to the manifest's coordinators.
            services.AddSingleton<IConfigureOptions<KestrelServerOptions>, NodeControlTls>();

            // Resolved at the first call, after NodeHostService opened the node (hosted services start before Kestrel).
            services.AddSingleton(sp => new NodeControlService(sp.GetRequiredService<LocalNodes>().All.Single(), sp.GetRequiredService<CommandVerifier>()));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CommandVerifier>();
        services.AddSingleton<LocalNodes>();
        services.AddSingleton<KeyEncryptionKeySource>();
        services.AddSingleton<IThresholdEngine, DklsEngine>();
        services.AddSingleton<NodeHostService>();
        services.AddHostedService(sp => sp.GetRequiredService<NodeHostService>());
    }

    /// <summary>One <c>mpc_rounds.&lt;node&gt;</c> queue per node this process runs.</summary>
    /// <summary>Protocol broadcasts, heartbeats, state reports and partial signatures.</summary>
    public IReadOnlyList<Type> PublishedMessages { get; } =
    [
        typeof(Contracts.Rounds.RoundMessage), typeof(Contracts.Heartbeats.NodeHeartbeat), typeof(Contracts.StateSync.KeyShareStored),
        typeof(Contracts.StateSync.SessionFailed), typeof(Contracts.StateSync.NodeStateHint), typeof(Contracts.PartialSignatures.PartialSignatureSubmitted),
    ];

    /// <summary>Direct protocol messages go to the peers' round exchanges.</summary>
    public IReadOnlyList<string> DirectSendPatterns { get; } = [BrokerChannels.NodeRoundExchangesPattern];

    public IReadOnlyList<ReceiveEndpointPlan> ReceiveEndpoints(ModuleContext context) =>
        LocalNodeIds.From(context.Configuration)
            .Select(id => new ReceiveEndpointPlan(BrokerChannels.NodeRoundQueue(id), BrokerChannels.MpcRounds, [typeof(RoundMessageConsumer)], SentTo: true))
            .ToArray();

    /// <summary>The process's one node's NodeControl on the host's server when the module decided so (<see cref="NodeControlHosting"/>); else nothing.</summary>
    public void MapEndpoints(ModuleRoutes routes)
    {
        if (routes.Server.ServiceProvider.GetService<NodeControlHosting>()?.OnHostServer == true)
        {
            routes.Server.MapGrpcService<NodeControlService>();
        }
    }

    /// <summary>Restore, step 1 (<c>backup restore-key</c>, the process's one node): a one-time key to re-seal its backup to (docs/engine-backup.md).</summary>
    public static Task<Mpc.Backup.RecoveryPublicKey> CreateRestoreKeyAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<NodeHostService>().CreateRestoreKeyAsync(cancellationToken);

    /// <summary>
    /// Restore, step 2 (<c>backup restore</c>): the process's one node takes a backup re-sealed to its one-time key as
    /// its share of <paramref name="walletId"/>, checked against the wallet's public key (and key id when given), with
    /// the wallet's raw-digest policy (a backup does not carry it).
    /// </summary>
    public static Task<Mpc.Backup.ShareBackupHeader> RestoreShareAsync(IServiceProvider services, byte[] backup, string walletId, Mpc.Curve.Point publicKey, byte[]? keyId, bool allowRawDigest, CancellationToken cancellationToken) =>
        services.GetRequiredService<NodeHostService>().RestoreShareAsync(backup, walletId, publicKey, keyId, allowRawDigest, cancellationToken);

    /// <summary>
    /// Enrollment (<c>trust node-identity</c>): each local node's id and channel identity (64 bytes, the encoding the
    /// cluster manifest lists), read from its sealed store with its key-encryption key; nothing is started.
    /// </summary>
    public static Task<IReadOnlyList<(string NodeId, byte[] IdentityKey)>> ReadIdentitiesAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<NodeHostService>().ReadIdentitiesAsync(cancellationToken);

    /// <summary>Stops a local node (NodeControl down, broker ignored, no heartbeats), as operators drain a node.</summary>
    internal static Task StopLocalNodeAsync(IServiceProvider services, string nodeId) =>
        services.GetRequiredService<NodeHostService>().StopNodeAsync(nodeId);

    /// <summary>
    /// A process running exactly one node and no other module serves that node's NodeControl on its own server (split
    /// deployment); otherwise every local node gets its own small server on its <c>Cluster:Nodes</c> endpoint.
    /// </summary>
    private NodeControlHosting Hosting(ModuleContext context) =>
        NodeControlHosting.Decide(LocalNodeIds.From(context.Configuration), context.RunsAlone(Name));
}
