using MassTransit;
using MpcWallet.Contracts.Heartbeats;
using MpcWallet.Contracts.PartialSignatures;
using MpcWallet.Contracts.StateSync;
using MpcWallet.Infrastructure.Messaging;
using MpcWallet.Infrastructure.Trust;
using MpcWallet.Mpc;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Node.Security;
using MpcWallet.Node.Sessions;

namespace MpcWallet.Node.Reporting;

/// <summary>
/// What one node tells the coordinator about its sessions: a stored key share and its state afterwards on
/// <c>state_sync</c>, a signer's final-round output on <c>partial_signatures</c>, a failed protocol check (with the
/// culprit and whether it is banned), and that it is alive (heartbeats). Every report is signed by the node's channel
/// identity (<see cref="BrokerMessageSignatures"/>) and the partial signature is sealed to the coordinators
/// (<see cref="PartialSignatureSeal"/>): the coordinator acts on nothing else. Each publish is bounded by the given
/// timeout; past it the caller's step fails.
/// </summary>
internal sealed class NodeReports(string nodeId, NodeVault vault, ClusterTrust trust, IBus bus, TimeSpan publishTimeout)
{
    public Task KeyShareStoredAsync(NodeSession session, KeyShare share, CancellationToken cancellationToken) =>
        bus.PublishWithin(BrokerMessageSignatures.Sign(new KeyShareStored
        {
            MessageId = NewId.NextGuid(),
            SessionId = session.Key,
            WalletId = session.WalletId,
            Node = nodeId,
            PartyIndex = share.Self,
            KeyVersion = share.Generation,
            KeyId = Convert.ToHexStringLower(share.KeyId),
            PublicKey = Convert.ToHexStringLower(share.PublicKey.Encode()),
            ChainCode = Convert.ToHexStringLower(share.RootChainCode),
            SentAt = DateTimeOffset.UtcNow,
        }, vault.Identity), publishTimeout, cancellationToken);

    /// <summary>The keys this node holds now, after a session changed them.</summary>
    public Task StateHintAsync(IReadOnlyList<HeldKeyVersion> keys, string? lastSessionId, CancellationToken cancellationToken) =>
        bus.PublishWithin(BrokerMessageSignatures.Sign(new NodeStateHint { MessageId = NewId.NextGuid(), Node = nodeId, Keys = keys, LastSessionId = lastSessionId, SentAt = DateTimeOffset.UtcNow }, vault.Identity), publishTimeout, cancellationToken);

    /// <summary>The node is alive and serves NodeControl at <paramref name="endpoint"/>.</summary>
    public Task HeartbeatAsync(string endpoint, string? version, TimeSpan timeout, CancellationToken cancellationToken) =>
        bus.PublishWithin(BrokerMessageSignatures.Sign(new NodeHeartbeat { MessageId = NewId.NextGuid(), Node = nodeId, Endpoint = endpoint, SentAt = DateTimeOffset.UtcNow, Version = version }, vault.Identity), timeout, cancellationToken);

    /// <param name="payload">The engine's encoding of the partial signature; only its sealed form leaves the node.</param>
    public Task PartialSignatureAsync(NodeSession session, byte[] payload, CancellationToken cancellationToken) =>
        bus.PublishWithin(BrokerMessageSignatures.Sign(new PartialSignatureSubmitted
        {
            MessageId = NewId.NextGuid(),
            SessionId = session.Key,
            Node = nodeId,
            SentAt = DateTimeOffset.UtcNow,
            Payload = PartialSignatureSeal.Seal(payload, session.Key, nodeId, trust.Manifest),
        }, vault.Identity), publishTimeout, cancellationToken);

    /// <summary>Check name of a session this node ended because a participant is banned for the wallet.</summary>
    public const string PeerBannedCheck = "peer-banned";

    public Task SessionFailedAsync(NodeSession session, ProtocolAbortException abort, string? culprit, bool banned, CancellationToken cancellationToken) =>
        bus.PublishWithin(BrokerMessageSignatures.Sign(new SessionFailed
        {
            MessageId = NewId.NextGuid(),
            SessionId = session.Key,
            Node = nodeId,
            Culprit = culprit,
            Check = abort.Check,
            Banned = banned,
            Reason = abort.Message,
            SentAt = DateTimeOffset.UtcNow,
        }, vault.Identity), publishTimeout, cancellationToken);

    /// <summary>A session ended because a participant is banned for its wallet (contained after a failed check).</summary>
    public Task SessionEndedForBannedPeerAsync(NodeSession session, string peer, CancellationToken cancellationToken) =>
        bus.PublishWithin(BrokerMessageSignatures.Sign(new SessionFailed
        {
            MessageId = NewId.NextGuid(),
            SessionId = session.Key,
            Node = nodeId,
            Culprit = peer,
            Check = PeerBannedCheck,
            Banned = true,
            Reason = $"peer {peer} is banned for wallet {session.WalletId} after a failed protocol check",
            SentAt = DateTimeOffset.UtcNow,
        }, vault.Identity), publishTimeout, cancellationToken);
}
