using MassTransit;
using MpcWallet.Contracts.PartialSignatures;
using MpcWallet.Contracts.StateSync;
using MpcWallet.Infrastructure.Messaging;
using MpcWallet.Mpc;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Node.Sessions;

namespace MpcWallet.Node.Reporting;

/// <summary>
/// What one node tells the coordinator about its sessions: a stored key share and its state afterwards on
/// <c>state_sync</c>, a signer's final-round output on <c>partial_signatures</c>, a failed protocol check (with the
/// culprit and whether it is banned). Each publish is bounded by the given timeout; past it the caller's step fails.
/// </summary>
internal sealed class NodeReports(string nodeId, IBus bus, TimeSpan publishTimeout)
{
    public Task KeyShareStoredAsync(NodeSession session, KeyShare share, CancellationToken cancellationToken) =>
        bus.PublishWithin(new KeyShareStored
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
        }, publishTimeout, cancellationToken);

    /// <summary>The keys this node holds now, after a session changed them.</summary>
    public Task StateHintAsync(IReadOnlyList<HeldKeyVersion> keys, string lastSessionId, CancellationToken cancellationToken) =>
        bus.PublishWithin(new NodeStateHint { MessageId = NewId.NextGuid(), Node = nodeId, Keys = keys, LastSessionId = lastSessionId, At = DateTimeOffset.UtcNow }, publishTimeout, cancellationToken);

    /// <param name="payload">The engine's encoding of the partial signature.</param>
    public Task PartialSignatureAsync(NodeSession session, byte[] payload, CancellationToken cancellationToken) =>
        bus.PublishWithin(new PartialSignatureSubmitted
        {
            MessageId = NewId.NextGuid(),
            SessionId = session.Key,
            Node = nodeId,
            Payload = payload,
        }, publishTimeout, cancellationToken);

    /// <summary>Check name of a session this node ended because a participant is banned for the wallet.</summary>
    public const string PeerBannedCheck = "peer-banned";

    public Task SessionFailedAsync(NodeSession session, ProtocolAbortException abort, string? culprit, bool banned, CancellationToken cancellationToken) =>
        bus.PublishWithin(new SessionFailed
        {
            MessageId = NewId.NextGuid(),
            SessionId = session.Key,
            Node = nodeId,
            Culprit = culprit,
            Check = abort.Check,
            Banned = banned,
            Reason = abort.Message,
        }, publishTimeout, cancellationToken);

    /// <summary>A session ended because a participant is banned for its wallet (contained after a failed check).</summary>
    public Task SessionEndedForBannedPeerAsync(NodeSession session, string peer, CancellationToken cancellationToken) =>
        bus.PublishWithin(new SessionFailed
        {
            MessageId = NewId.NextGuid(),
            SessionId = session.Key,
            Node = nodeId,
            Culprit = peer,
            Check = PeerBannedCheck,
            Banned = true,
            Reason = $"peer {peer} is banned for wallet {session.WalletId} after a failed protocol check",
        }, publishTimeout, cancellationToken);
}
