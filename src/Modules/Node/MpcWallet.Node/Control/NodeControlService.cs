using Google.Protobuf;
using Grpc.Core;
using MpcWallet.Contracts.Control;
using MpcWallet.Ethereum.Signing;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Node.Runtime;
using MpcWallet.Node.Security;
using MpcWallet.Node.Sessions;

namespace MpcWallet.Node.Control;

/// <summary>
/// The NodeControl gRPC service of one node (each node serves its own endpoint). Every command is checked by the
/// <see cref="CommandVerifier"/> before anything else happens; a refusal of a verified command names the coordinator
/// that sent it.
/// </summary>
internal sealed class NodeControlService(NodeRuntime node, CommandVerifier verifier) : NodeControl.NodeControlBase
{
    public override Task<NodeInfo> GetInfo(GetInfoRequest request, ServerCallContext context)
    {
        EnsureRunning();
        return Task.FromResult(new NodeInfo { NodeId = node.Id, IdentityPublicKey = ByteString.CopyFrom(node.IdentityPublicKey) });
    }

    public override async Task<SessionAccepted> StartKeyGeneration(SignedCommand request, ServerCallContext context)
    {
        EnsureRunning();
        var verified = verifier.Verify(node.Id, request, NodeCommand.RequestOneofCase.StartKeyGeneration);
        var start = verified.Command.StartKeyGeneration;
        var sessionId = ParseSession(start.SessionId);
        var peers = verifier.Participants(node.Id, verified, start.Participants);
        var policy = start.Policy is { } given ? new KeyPolicy(given.AllowRawDigest) : KeyPolicy.Strictest;
        var offer = await Guard(verified, () => node.PrepareKeyGenerationAsync(sessionId, start.WalletId, checked((int)start.Threshold), policy, peers, context.CancellationToken));
        return new SessionAccepted { SessionId = start.SessionId, SessionKeyOffer = ByteString.CopyFrom(offer) };
    }

    public override async Task<SessionAccepted> StartSigning(SignedCommand request, ServerCallContext context)
    {
        EnsureRunning();
        var verified = verifier.Verify(node.Id, request, NodeCommand.RequestOneofCase.StartSigning);
        var start = verified.Command.StartSigning;
        var sessionId = ParseSession(start.SessionId);
        var peers = verifier.Participants(node.Id, verified, start.Participants);
        var offer = await Guard(verified, () => node.PrepareSigningAsync(sessionId, start.WalletId, start.KeyVersion, start.Digest.ToByteArray(), PreImageOf(start.PreImage), start.DerivationPath.ToArray(), peers, context.CancellationToken));
        return new SessionAccepted { SessionId = start.SessionId, SessionKeyOffer = ByteString.CopyFrom(offer) };
    }

    public override async Task<SessionAccepted> StartRefresh(SignedCommand request, ServerCallContext context)
    {
        EnsureRunning();
        var verified = verifier.Verify(node.Id, request, NodeCommand.RequestOneofCase.StartRefresh);
        var start = verified.Command.StartRefresh;
        var sessionId = ParseSession(start.SessionId);
        var peers = verifier.Participants(node.Id, verified, start.Participants);
        var offer = await Guard(verified, () => node.PrepareRefreshAsync(sessionId, start.WalletId, start.KeyVersion, peers, context.CancellationToken));
        return new SessionAccepted { SessionId = start.SessionId, SessionKeyOffer = ByteString.CopyFrom(offer) };
    }

    public override async Task<CommitGenerationReply> CommitGeneration(SignedCommand request, ServerCallContext context)
    {
        EnsureRunning();
        var commit = verifier.Verify(node.Id, request, NodeCommand.RequestOneofCase.CommitGeneration).Command.CommitGeneration;
        _ = ParseSession(commit.SessionId);
        if (string.IsNullOrWhiteSpace(commit.WalletId))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "wallet_id is required"));
        }

        var (held, erased) = await node.CommitGenerationAsync(commit.WalletId, commit.KeyVersion, context.CancellationToken);
        return new CommitGenerationReply { Held = held, Erased = (uint)erased };
    }

    public override async Task<SessionAccepted> BeginSession(SignedCommand request, ServerCallContext context)
    {
        EnsureRunning();
        var verified = verifier.Verify(node.Id, request, NodeCommand.RequestOneofCase.BeginSession);
        var begin = verified.Command.BeginSession;
        var sessionId = ParseSession(begin.SessionId);
        var offers = begin.SessionKeyOffers.Count <= KeyShare.MaxParties && begin.SessionKeyOffers.Keys.All(k => k is >= 1 and <= KeyShare.MaxParties)
            ? begin.SessionKeyOffers.ToDictionary(o => (int)o.Key, o => o.Value.ToByteArray())
            : throw new RpcException(new Status(StatusCode.InvalidArgument, "session_key_offers must be keyed by party indices 1..16"));
        await Guard(verified, () => node.BeginAsync(sessionId, offers, context.CancellationToken));
        return new SessionAccepted { SessionId = begin.SessionId };
    }

    public override async Task<AbortSessionReply> AbortSession(SignedCommand request, ServerCallContext context)
    {
        EnsureRunning();
        var abort = verifier.Verify(node.Id, request, NodeCommand.RequestOneofCase.AbortSession).Command.AbortSession;
        var sessionId = ParseSession(abort.SessionId);
        return new AbortSessionReply { WasRunning = await node.AbortAsync(sessionId, abort.Reason, context.CancellationToken) };
    }

    public override Task<PingReply> Ping(PingRequest request, ServerCallContext context)
    {
        EnsureRunning();
        return Task.FromResult(new PingReply { NodeId = node.Id, UnixTimeMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() });
    }

    private void EnsureRunning()
    {
        if (!node.IsRunning)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"node {node.Id} is stopped"));
        }
    }

    private static SessionId ParseSession(ByteString bytes) =>
        bytes.Length == SessionId.Length ? new SessionId(bytes.Span) : throw new RpcException(new Status(StatusCode.InvalidArgument, "session_id must be 32 bytes"));

    /// <summary>The command's pre-image as the node checks it; null when it carries none (refused at admission).</summary>
    private static SigningPreImage? PreImageOf(PreImage? preImage) => preImage?.KindCase switch
    {
        PreImage.KindOneofCase.Eip1559Transaction => SigningPreImage.Eip1559Transaction(preImage.Eip1559Transaction.Span),
        PreImage.KindOneofCase.PersonalMessage => SigningPreImage.PersonalMessage(preImage.PersonalMessage.Span),
        PreImage.KindOneofCase.TypedDataJson => SigningPreImage.TypedData(preImage.TypedDataJson),
        PreImage.KindOneofCase.RawDigest => SigningPreImage.RawDigest(preImage.RawDigest.Span),
        _ => null,
    };

    private static async Task Guard(VerifiedCommand command, Func<Task> action) => await Guard(command, async () =>
    {
        await action();
        return true;
    });

    private static async Task<T> Guard<T>(VerifiedCommand command, Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (SessionRefusedException e)
        {
            throw Refused(e, command.CoordinatorId);
        }
        catch (ArgumentException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, e.Message));
        }
    }

    /// <summary>A refusal about one peer carries its kind and the peer as trailers, a refused command its kind (<see cref="SessionRefusalTrailers"/>).</summary>
    private static RpcException Refused(SessionRefusedException refusal, string coordinatorId)
    {
        var (status, kind) = refusal.Refusal switch
        {
            SessionRefusal.PeerBusy => (StatusCode.ResourceExhausted, SessionRefusalTrailers.PeerBusy),
            SessionRefusal.PeerBanned => (StatusCode.FailedPrecondition, SessionRefusalTrailers.PeerBanned),
            SessionRefusal.Command => (StatusCode.FailedPrecondition, SessionRefusalTrailers.CommandRefused),
            _ => (StatusCode.FailedPrecondition, null),
        };
        var trailers = new Metadata();
        if (kind is not null)
        {
            trailers.Add(SessionRefusalTrailers.Refusal, kind);
        }

        if (kind is not null && refusal.Peer is not null)
        {
            trailers.Add(SessionRefusalTrailers.Peer, refusal.Peer);
        }

        // Named: a refusal of an offer relayed at begin, or of a participant list, is about what this coordinator sent.
        return new RpcException(new Status(status, $"{refusal.Message} (command from coordinator {coordinatorId})"), trailers);
    }
}
