using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using MpcWallet.Contracts.Heartbeats;
using MpcWallet.Contracts.PartialSignatures;
using MpcWallet.Contracts.StateSync;
using MpcWallet.Coordinator.Configuration;
using MpcWallet.Infrastructure.Trust;
using MpcWallet.Mpc.Channel;

namespace MpcWallet.Coordinator.Nodes;

/// <summary>
/// The coordinator's gate for everything nodes publish (docs/channel.md, "Signed node messages"): a report is acted on
/// only if the cluster manifest lists its node, the node's identity key signed it
/// (<see cref="BrokerMessageSignatures"/>), it was sent within <see cref="CoordinatorOptions.NodeMessageMaxAge"/>
/// before and <see cref="CoordinatorOptions.NodeMessageMaxFuture"/> after now, and — for heartbeats and state hints,
/// which are not bound to a session — it is newer than the last one accepted from that node. Session-bound reports are
/// further checked against their session's participants where they are consumed. Refusals are dropped, logged (with
/// the claimed node id cut to a bounded, printable form) and counted; they never fault.
/// </summary>
internal sealed partial class NodeReportVerifier(ClusterTrust trust, InstanceKeys keys, CoordinatorOptions options, TimeProvider time, ILogger<NodeReportVerifier> logger)
{
    // Per node: the SentAt of the last heartbeat / state hint accepted (UTC ticks).
    private readonly ConcurrentDictionary<(string Node, string Message), long> _latest = new();
    private readonly ConcurrentDictionary<(string Message, string Reason), long> _refused = new();

    /// <summary>How many reports of this kind this instance refused for this reason (the metric, per process).</summary>
    public long Refused(string message, string reason) => _refused.GetValueOrDefault((message, reason));

    public bool Admit(NodeHeartbeat message) =>
        Admit("heartbeat", message.Node, message.SentAt, node => BrokerMessageSignatures.Verify(message, node), monotonic: true);

    public bool Admit(NodeStateHint message) =>
        Admit("node-state-hint", message.Node, message.SentAt, node => BrokerMessageSignatures.Verify(message, node), monotonic: true);

    public bool Admit(KeyShareStored message) =>
        Admit("key-share-stored", message.Node, message.SentAt, node => BrokerMessageSignatures.Verify(message, node), monotonic: false);

    public bool Admit(SessionFailed message) =>
        Admit("session-failed", message.Node, message.SentAt, node => BrokerMessageSignatures.Verify(message, node), monotonic: false);

    /// <summary>Verifies the partial and opens it with this instance's key: the engine's partial signature, or null (refused).</summary>
    public byte[]? Open(PartialSignatureSubmitted message)
    {
        if (!Admit("partial-signature", message.Node, message.SentAt, node => BrokerMessageSignatures.Verify(message, node), monotonic: false))
        {
            return null;
        }

        var partial = message.Payload is { Length: > 0 } payload && message.SessionId is { } session
            ? PartialSignatureSeal.Open(payload, session, message.Node, keys.Identity)
            : null;
        if (partial is null)
        {
            Refuse("partial-signature", "unreadable", message.Node);
        }

        return partial;
    }

    private bool Admit(string kind, string? nodeId, DateTimeOffset sentAt, Func<NodeIdentityPublic, bool> verify, bool monotonic)
    {
        var node = nodeId is null ? null : trust.Manifest.FindNode(nodeId);
        if (node is null)
        {
            return Refuse(kind, "unknown-node", nodeId);
        }

        if (!verify(node.Identity))
        {
            return Refuse(kind, "bad-signature", nodeId);
        }

        var now = time.GetUtcNow();
        if (sentAt < now - options.NodeMessageMaxAge)
        {
            return Refuse(kind, "stale", nodeId);
        }

        if (sentAt > now + options.NodeMessageMaxFuture)
        {
            return Refuse(kind, "future", nodeId);
        }

        if (monotonic)
        {
            var key = (nodeId!, kind);
            var ticks = sentAt.UtcTicks;
            while (true)
            {
                if (_latest.TryGetValue(key, out var last))
                {
                    if (ticks <= last)
                    {
                        return Refuse(kind, "not-newer", nodeId);
                    }

                    if (_latest.TryUpdate(key, ticks, last))
                    {
                        break;
                    }
                }
                else if (_latest.TryAdd(key, ticks))
                {
                    break;
                }
            }
        }

        return true;
    }

    private bool Refuse(string kind, string reason, string? nodeId)
    {
        NodeReportMetrics.Refused.WithLabels(kind, reason).Inc();
        _refused.AddOrUpdate((kind, reason), 1, (_, n) => n + 1);
        LogRefused(kind, UntrustedText.ForLog(nodeId), reason);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "dropped a {Message} claiming node {Node}: {Reason}")]
    private partial void LogRefused(string message, string node, string reason);
}
