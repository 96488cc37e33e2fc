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

/// <summary>The NodeControl gRPC service of one node (each node serves its own endpoint).</summary>
internal sealed class NodeControlService(NodeRuntime node) : NodeControl.NodeControlBase
{
    public override async Task<NodeInfo> GetInfo(GetInfoRequest request, ServerCallContext context)
    {
        EnsureRunning();
        var info = new NodeInfo { NodeId = node.Id, IdentityPublicKey = ByteString.CopyFrom(node.IdentityPublicKey) };
        foreach (var key in await node.HeldKeysAsync(context.CancellationToken))
        {
            info.Keys.Add(new HeldKey { WalletId = key.WalletId, KeyVersion = key.KeyVersion });
        }

        return info;
    }

    public override async Task<SessionAccepted> StartKeyGeneration(StartKeyGenerationRequest request, ServerCallContext context)
    {
        EnsureRunning();
        var sessionId = ParseSession(request.SessionId);
        var policy = request.Policy is { } given ? new KeyPolicy(given.AllowRawDigest) : KeyPolicy.Strictest;
        var offer = await Guard(() => node.PrepareKeyGenerationAsync(sessionId, request.WalletId, checked((int)request.Threshold), policy, Peers(request.Participants), context.CancellationToken));
        return new SessionAccepted { SessionId = request.SessionId, SessionKeyOffer = ByteString.CopyFrom(offer) };
    }

    public override async Task<SessionAccepted> StartSigning(StartSigningRequest request, ServerCallContext context)
    {
        EnsureRunning();
        var sessionId = ParseSession(request.SessionId);
        var offer = await Guard(() => node.PrepareSigningAsync(sessionId, request.WalletId, request.KeyVersion, request.Digest.ToByteArray(), PreImageOf(request.PreImage), request.DerivationPath.ToArray(), Peers(request.Participants), context.CancellationToken));
        return new SessionAccepted { SessionId = request.SessionId, SessionKeyOffer = ByteString.CopyFrom(offer) };
    }

    public override async Task<SessionAccepted> BeginSession(BeginSessionRequest request, ServerCallContext context)
    {
        EnsureRunning();
        var sessionId = ParseSession(request.SessionId);
        var offers = request.SessionKeyOffers.Count <= KeyShare.MaxParties && request.SessionKeyOffers.Keys.All(k => k is >= 1 and <= KeyShare.MaxParties)
            ? request.SessionKeyOffers.ToDictionary(o => (int)o.Key, o => o.Value.ToByteArray())
            : throw new RpcException(new Status(StatusCode.InvalidArgument, "session_key_offers must be keyed by party indices 1..16"));
        await Guard(() => node.BeginAsync(sessionId, offers, context.CancellationToken));
        return new SessionAccepted { SessionId = request.SessionId };
    }

    public override async Task<AbortSessionReply> AbortSession(AbortSessionRequest request, ServerCallContext context)
    {
        EnsureRunning();
        var sessionId = ParseSession(request.SessionId);
        return new AbortSessionReply { WasRunning = await node.AbortAsync(sessionId, request.Reason, context.CancellationToken) };
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

    private static SessionPeer[] Peers(IEnumerable<Participant> participants) =>
        participants.Select(p => new SessionPeer(p.NodeId, checked((int)p.PartyIndex), p.IdentityPublicKey.ToByteArray())).ToArray();

    private static async Task Guard(Func<Task> action) => await Guard(async () =>
    {
        await action();
        return true;
    });

    private static async Task<T> Guard<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (SessionRefusedException e)
        {
            throw Refused(e);
        }
        catch (ArgumentException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, e.Message));
        }
    }

    /// <summary>A refusal about one peer carries its kind and the peer as trailers, a refused command its kind (<see cref="SessionRefusalTrailers"/>).</summary>
    private static RpcException Refused(SessionRefusedException refusal)
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

        return new RpcException(new Status(status, refusal.Message), trailers);
    }
}
