using System.Reflection;
using MassTransit;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MpcWallet.Contracts.Heartbeats;
using MpcWallet.Contracts.StateSync;
using MpcWallet.Infrastructure.Cluster;
using MpcWallet.Infrastructure.Hosting;
using MpcWallet.Infrastructure.Messaging;
using MpcWallet.Infrastructure.Persistence;
using MpcWallet.Infrastructure.Trust;
using MpcWallet.Mpc.Backup;
using MpcWallet.Mpc.Curve;
using MpcWallet.Node.Configuration;
using MpcWallet.Node.Control;
using MpcWallet.Node.Engine;
using MpcWallet.Node.Persistence;
using MpcWallet.Node.Runtime;
using MpcWallet.Node.Security;
using MpcWallet.Node.Sessions;

namespace MpcWallet.Node.Hosting;

/// <summary>
/// Starts this process's nodes (store, key-encryption-key check, identity, NodeControl server), then sends their
/// heartbeats and state hints and sweeps expired sessions. A node can be stopped and started again at run time
/// (its gRPC goes down, it ignores the broker and stops heartbeating), which is how operators drain a node.
/// </summary>
internal sealed partial class NodeHostService(
    LocalNodes nodes,
    NodeOptions options,
    ClusterOptions cluster,
    IConfiguration configuration,
    IOptions<DatabaseOptions> database,
    IThresholdEngine engine,
    KeyEncryptionKeySource keys,
    IBus bus,
    NodeControlHosting hosting,
    ClusterTrust trust,
    CommandVerifier verifier,
    IEnumerable<IServer> hostServer,
    ILoggerFactory loggerFactory) : BackgroundService
{
    private static readonly TimeSpan HeartbeatPublishTimeout = TimeSpan.FromSeconds(5);

    /// <summary>This build's version, announced in every heartbeat (the operators' console shows it per node).</summary>
    private static readonly string SoftwareVersion = Truncate(
        typeof(NodeHostService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown", 64);
    private readonly Dictionary<string, NodeControlServer> _servers = [];
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private readonly ILogger _logger = loggerFactory.CreateLogger<NodeHostService>();

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var id in options.Ids)
        {
            var node = await OpenNodeAsync(id, cancellationToken);
            await CheckManifestVersionAsync(node, cancellationToken);
            PinIdentity(node);
            nodes.Add(node);
            await StartNodeAsync(id, cancellationToken);
        }

        await base.StartAsync(cancellationToken);
    }

    /// <summary>
    /// Restore, step 1 (<c>backup restore-key</c>): opens the process's one node, gives it a one-time restore key and
    /// closes it again; nothing is started. Returns the key's public half.
    /// </summary>
    public async Task<RecoveryPublicKey> CreateRestoreKeyAsync(CancellationToken cancellationToken)
    {
        await using var node = await OpenNodeAsync(OnlyNode("backup restore-key"), cancellationToken);
        return await node.CreateRestoreKeyAsync(cancellationToken);
    }

    /// <summary>Restore, step 2 (<c>backup restore</c>): the process's one node takes the re-sealed backup as its share; nothing is started.</summary>
    public async Task<ShareBackupHeader> RestoreShareAsync(byte[] backup, string walletId, Point publicKey, byte[]? keyId, bool allowRawDigest, CancellationToken cancellationToken)
    {
        await using var node = await OpenNodeAsync(OnlyNode("backup restore"), cancellationToken);
        return await node.RestoreShareAsync(backup, walletId, publicKey, keyId, new KeyPolicy(allowRawDigest), cancellationToken);
    }

    /// <summary>
    /// Enrollment (<c>trust node-identity</c>): opens each local node's sealed store with its key-encryption key (its
    /// identity is created on the first open), reads the channel identity, and closes it again. Nothing is started.
    /// </summary>
    public async Task<IReadOnlyList<(string NodeId, byte[] IdentityKey)>> ReadIdentitiesAsync(CancellationToken cancellationToken)
    {
        var identities = new List<(string, byte[])>();
        foreach (var id in options.Ids)
        {
            await using var node = await OpenNodeAsync(id, cancellationToken);
            identities.Add((id, node.IdentityPublicKey));
        }

        return identities;
    }

    private string OnlyNode(string command) =>
        options.Ids.Count == 1 ? options.Ids[0] : throw new InvalidOperationException($"{command} works on one node: name it with --node-id (this configuration runs {string.Join(", ", options.Ids)})");

    private async Task<NodeRuntime> OpenNodeAsync(string id, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(DataDirectory.From(configuration), id);
        Directory.CreateDirectory(directory);
        var schema = "node_" + new string(id.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_').ToArray());
        var store = new NodeStore(ModuleDatabase.Resolve(database.Value, configuration, "Node", schema, id));
        var node = new NodeRuntime(id, directory, store, engine, keys, bus, trust, loggerFactory.CreateLogger($"MpcWallet.Node.{id}"), options.SessionLifetime, options.BeginWindow, ShareBackups.For(options, id, directory));
        try
        {
            await node.OpenAsync(cancellationToken);
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    public async Task StartNodeAsync(string id, CancellationToken cancellationToken)
    {
        var node = nodes.Find(id) ?? throw new ArgumentException($"node {id} does not run in this process", nameof(id));
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            if (node.IsRunning)
            {
                return;
            }

            if (hosting.OnHostServer)
            {
                // The host's server answers NodeControl; its bound address is known once it has started (heartbeats).
                node.Endpoint = HostServerAddress();
                LogStartedOnHost(id, configuration["Urls"] ?? "");
            }
            else
            {
                var configured = cluster.Nodes.FirstOrDefault(n => n.Id == id)
                    ?? throw new InvalidOperationException($"node {id} has no entry in Cluster:Nodes (its NodeControl endpoint)");
                var server = await NodeControlServer.StartAsync(node, new Uri(configured.GrpcEndpoint), verifier, loggerFactory, cancellationToken);
                _servers[id] = server;
                node.Endpoint = server.Endpoint;
                LogStarted(id, server.Endpoint);
            }

            node.MarkRunning(true);
        }
        finally
        {
            _lifecycle.Release();
        }

        await PublishStateAsync(node, cancellationToken);
    }

    public Task StopNodeAsync(string id) => StopNodeAsync(id, shuttingDown: false);

    private async Task StopNodeAsync(string id, bool shuttingDown)
    {
        var node = nodes.Find(id) ?? throw new ArgumentException($"node {id} does not run in this process", nameof(id));

        // Synchronously, before anything is awaited: from the caller's next instruction on, the node ignores the broker.
        node.MarkRunning(false);
        await _lifecycle.WaitAsync();
        try
        {
            if (_servers.Remove(id, out var server))
            {
                await server.DisposeAsync();
            }

            if (!shuttingDown)
            {
                LogStopped(id);
            }
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        foreach (var node in nodes.All)
        {
            await StopNodeAsync(node.Id, shuttingDown: true);
            await node.DisposeAsync();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.HeartbeatInterval);
        do
        {
            foreach (var node in nodes.All.Where(n => n.IsRunning))
            {
                try
                {
                    if (hosting.OnHostServer)
                    {
                        node.Endpoint = HostServerAddress() ?? node.Endpoint;
                    }

                    // Bounded: one publish hung across a broker restart would silence every local node for good.
                    await node.Reports.HeartbeatAsync(node.Endpoint ?? "", SoftwareVersion, HeartbeatPublishTimeout, stoppingToken);
                    node.Sweep(DateTimeOffset.UtcNow);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogHeartbeatFailed(node.Id, e.Message);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static async Task PublishStateAsync(NodeRuntime node, CancellationToken cancellationToken)
    {
        await node.Reports.StateHintAsync(await node.HeldKeysAsync(cancellationToken), node.LastSessionId, cancellationToken);
    }

    /// <summary>
    /// Development trust: the node enrolls its channel identity. A manifest: the node starts only if it lists this
    /// node with exactly this identity (otherwise its peers would refuse every session with it anyway).
    /// </summary>
    /// <summary>
    /// Rollback protection (docs/design-trust.md, "The cluster manifest"): a node refuses a manifest older than the
    /// newest it accepted. Not in development trust: that manifest is made up afresh by each process start (new operator
    /// key, versions counting from 1 again), so an older number there is no rollback, and nothing outside this process
    /// could sign one.
    /// </summary>
    private async Task CheckManifestVersionAsync(NodeRuntime node, CancellationToken cancellationToken)
    {
        if (!trust.IsDevelopment)
        {
            await node.AcceptManifestAsync(trust.Manifest, cancellationToken);
        }
    }

    private void PinIdentity(NodeRuntime node)
    {
        if (trust.IsDevelopment)
        {
            trust.EnrollDevelopmentNode(node.Id, node.Identity);
            return;
        }

        var listed = trust.Manifest.FindNode(node.Id)
            ?? throw new InvalidOperationException($"node {node.Id} is not in the {trust.Manifest}: enroll it (trust node-identity, trust manifest add-node)");
        if (!listed.Identity.Equals(node.Identity))
        {
            throw new InvalidOperationException(
                $"node {node.Id}: its channel identity ({node.Identity}) is not the one the {trust.Manifest} lists ({listed.Identity}); enroll this node's identity (trust node-identity) or restore its store");
        }
    }

    /// <summary>The host server's first bound address (null before it has started).</summary>
    private string? HostServerAddress() =>
        hostServer.FirstOrDefault()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is { } address && !address.EndsWith(":0", StringComparison.Ordinal)
            ? address.TrimEnd('/')
            : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "MPC node {Node} serves NodeControl at {Endpoint}")]
    private partial void LogStarted(string node, string endpoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "MPC node {Node} serves NodeControl, /health/live, /health/ready and /metrics on this process's own server ({Urls}, HTTP/2 only: curl --http2-prior-knowledge)")]
    private partial void LogStartedOnHost(string node, string urls);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MPC node {Node} stopped")]
    private partial void LogStopped(string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "heartbeat of {Node} failed: {Error}")]
    private partial void LogHeartbeatFailed(string node, string error);

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
