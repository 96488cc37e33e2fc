using MpcWallet.Contracts.Events;
using MpcWallet.Contracts.FinalSignatures;
using MpcWallet.Contracts.Heartbeats;
using MpcWallet.Contracts.PartialSignatures;
using MpcWallet.Contracts.Rounds;
using MpcWallet.Contracts.SignatureRequests;
using MpcWallet.Contracts.StateSync;

namespace MpcWallet.Infrastructure.Messaging;

/// <summary>
/// The one place that names the broker channels, maps every contract to its channel's entity name and holds each
/// channel's default quality of service (overridable per channel under <c>Broker:Channels:&lt;name&gt;</c>).
/// The README's channel table mirrors this file.
/// </summary>
public static class BrokerChannels
{
    public const string MpcRounds = "mpc_rounds";
    public const string StateSync = "state_sync";
    public const string PartialSignatures = "partial_signatures";
    public const string SignaturesFinal = "signatures_final";
    public const string Heartbeats = "heartbeats";
    public const string Events = "events";
    public const string SignatureRequests = "signature_requests";

    /// <summary>Entity (exchange/topic) name per contract: the channel name, suffixed where a channel has a family.</summary>
    public static IReadOnlyDictionary<Type, string> EntityNames { get; } = new Dictionary<Type, string>
    {
        [typeof(RoundMessage)] = MpcRounds,
        [typeof(KeyShareStored)] = StateSync + ".key-share-stored",
        [typeof(SessionFailed)] = StateSync + ".session-failed",
        [typeof(NodeStateHint)] = StateSync + ".node-state-hint",
        [typeof(PartialSignatureSubmitted)] = PartialSignatures,
        [typeof(SignatureFinalized)] = SignaturesFinal,
        [typeof(NodeHeartbeat)] = Heartbeats,
        [typeof(WalletCreated)] = Events + ".wallet-created",
        [typeof(WalletCreationFailed)] = Events + ".wallet-creation-failed",
        [typeof(WalletRefreshed)] = Events + ".wallet-refreshed",
        [typeof(SignatureCompleted)] = Events + ".signature-completed",
        [typeof(SignatureFailed)] = Events + ".signature-failed",
        [typeof(NodeWentOnline)] = Events + ".node-online",
        [typeof(NodeWentOffline)] = Events + ".node-offline",
        [typeof(TransactionStatusChanged)] = Events + ".transaction-status-changed",
        [typeof(SignatureRequested)] = SignatureRequests,
    };

    /// <summary>The channel a contract travels on.</summary>
    public static string ChannelOf(Type messageType) =>
        EntityNames.TryGetValue(messageType, out var name) ? name.Split('.')[0] : throw new ArgumentException($"{messageType.Name} is not a channel contract");

    /// <summary>Defaults; see the README's channel table for the reasoning.</summary>
    public static ChannelSettings DefaultsFor(string channel) => channel switch
    {
        // Protocol messages only matter while their session runs (sessions time out well under a minute). Rounds are
        // CPU-heavy (OT extension, DKG proofs): a small concurrency per node keeps the thread pool free for
        // heartbeats and control calls.
        MpcRounds => new ChannelSettings { Durable = false, TimeToLive = TimeSpan.FromMinutes(2), Prefetch = 64, ConcurrencyLimit = 2, RetryCount = 0 },
        StateSync => new ChannelSettings { Durable = true, Prefetch = 16, RetryCount = 3 },
        PartialSignatures => new ChannelSettings { Durable = true, TimeToLive = TimeSpan.FromMinutes(5), Prefetch = 32, RetryCount = 3 },
        SignaturesFinal => new ChannelSettings { Durable = true, Prefetch = 16, RetryCount = 5 },
        Heartbeats => new ChannelSettings { Durable = false, TimeToLive = TimeSpan.FromSeconds(10), Prefetch = 32, RetryCount = 0 },
        Events => new ChannelSettings { Durable = true, Prefetch = 16, RetryCount = 5 },
        // Requests to sign (from the transaction service); the requester re-sends unanswered ones after a restart.
        SignatureRequests => new ChannelSettings { Durable = true, Prefetch = 16, RetryCount = 5 },
        _ => throw new ArgumentException($"unknown channel {channel}", nameof(channel)),
    };

    public static IReadOnlyList<string> All { get; } = [MpcRounds, StateSync, PartialSignatures, SignaturesFinal, Heartbeats, Events, SignatureRequests];

    /// <summary>The queue of one node's protocol messages.</summary>
    public static string NodeRoundQueue(string nodeId) => $"{MpcRounds}.{nodeId}";

    /// <summary>
    /// Where a peer sends a node its direct protocol messages. On RabbitMQ the queue's exchange, not the queue: a sender
    /// then needs no read right on the queue's name, so no node can read another's round queue
    /// (<see cref="BrokerPermissions"/>); the node's own receive endpoint binds that exchange to its queue. Other
    /// transports have no per-process rights and keep the queue address.
    /// </summary>
    public static Uri NodeRoundAddress(string nodeId, Uri busAddress) =>
        busAddress.Scheme.StartsWith("rabbitmq", StringComparison.Ordinal) ? new($"exchange:{NodeRoundQueue(nodeId)}") : new($"queue:{NodeRoundQueue(nodeId)}");

    /// <summary>The pattern (RabbitMQ permission syntax) of every node's round exchange, for the processes that send to them.</summary>
    public const string NodeRoundExchangesPattern = @"mpc_rounds\.[A-Za-z0-9_-]+";
}
