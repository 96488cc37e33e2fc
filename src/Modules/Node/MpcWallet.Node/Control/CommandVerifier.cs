using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using MpcWallet.Contracts.Control;
using MpcWallet.Infrastructure.Trust;
using MpcWallet.Node.Sessions;

namespace MpcWallet.Node.Control;

/// <summary>
/// What a node checks before it acts on a NodeControl command (docs/design-trust.md): a coordinator instance the
/// verified cluster manifest lists, its signature over the exact command bytes, the request the call is for, this
/// cluster and manifest version, the validity window, and the session the inner request names. Then the
/// participants: every one must be in the manifest, and the identity the coordinator sent for it must be the
/// manifest's — the node uses the manifest's, and a difference refuses the session, naming the coordinator (H2).
/// A refusal is PERMISSION_DENIED with the reason; it is logged as a warning.
/// </summary>
internal sealed partial class CommandVerifier(ClusterTrust trust, TimeProvider time, ILogger<CommandVerifier> logger)
{
    /// <summary>Longest validity a node accepts (the coordinator's default is 2 minutes).</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(10);

    /// <summary>How far in the future a command may claim to be issued (clocks differ).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>The verified command for <paramref name="nodeId"/>, whose request must be <paramref name="expected"/>.</summary>
    public VerifiedCommand Verify(string nodeId, SignedCommand signed, NodeCommand.RequestOneofCase expected)
    {
        var manifest = trust.Manifest;
        var coordinatorId = signed.CoordinatorId;
        if (manifest.FindCoordinator(coordinatorId) is not { } coordinator)
        {
            throw Refuse(nodeId, coordinatorId, $"the coordinator is not in the {manifest}");
        }

        if (!TaggedSignature.Verify(TaggedSignature.NodeCommand, coordinator.SigningKey, signed.Command.Span, signed.Signature.Span))
        {
            throw Refuse(nodeId, coordinatorId, $"the command's signature does not verify under the key the {manifest} lists for coordinator {coordinatorId}");
        }

        NodeCommand command;
        try
        {
            command = NodeCommand.Parser.ParseFrom(signed.Command);
        }
        catch (InvalidProtocolBufferException)
        {
            throw Refuse(nodeId, coordinatorId, "the signed command is not a NodeCommand");
        }

        if (command.RequestCase != expected)
        {
            throw Refuse(nodeId, coordinatorId, $"the signed command is a {command.RequestCase}, not a {expected}");
        }

        if (command.ClusterId != manifest.ClusterId || command.ManifestVersion != (ulong)manifest.Version)
        {
            throw Refuse(nodeId, coordinatorId, $"the command was issued under cluster manifest {command.ClusterId} v{command.ManifestVersion}; this node trusts the {manifest}");
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (command.IssuedAtUnixMs > now + (long)ClockSkew.TotalMilliseconds || command.ExpiresAtUnixMs - command.IssuedAtUnixMs > (long)MaxLifetime.TotalMilliseconds)
        {
            throw Refuse(nodeId, coordinatorId, "the command's validity window is not acceptable (issued in the future, or valid for more than 10 minutes)");
        }

        if (now >= command.ExpiresAtUnixMs)
        {
            throw Refuse(nodeId, coordinatorId, $"the command expired at {DateTimeOffset.FromUnixTimeMilliseconds(command.ExpiresAtUnixMs):O}");
        }

        if (command.SessionId.IsEmpty || command.SessionId != InnerSession(command))
        {
            throw Refuse(nodeId, coordinatorId, "the command's session id is not the one its request names");
        }

        return new VerifiedCommand(coordinatorId, command);
    }

    /// <summary>
    /// The session's participants with the identities of the manifest. One the manifest does not list, or whose
    /// identity as sent differs from the manifest's, refuses the session naming the coordinator that sent it: either
    /// that coordinator or its link to this node is substituting keys.
    /// </summary>
    public SessionPeer[] Participants(string nodeId, VerifiedCommand command, IEnumerable<Participant> participants)
    {
        var manifest = trust.Manifest;
        var peers = new List<SessionPeer>();
        var listedParticipants = participants.ToArray();
        if (!listedParticipants.Any(p => p.NodeId == nodeId))
        {
            throw Refuse(nodeId, command.CoordinatorId, $"node {nodeId} is not a participant of the session");
        }

        foreach (var participant in listedParticipants)
        {
            if (manifest.FindNode(participant.NodeId) is not { } listed)
            {
                throw Refuse(nodeId, command.CoordinatorId, $"coordinator {command.CoordinatorId} named participant '{participant.NodeId}', which is not in the {manifest}");
            }

            var pinned = listed.Identity.Encode();
            if (!participant.IdentityPublicKey.Span.SequenceEqual(pinned))
            {
                throw Refuse(nodeId, command.CoordinatorId, $"coordinator {command.CoordinatorId} sent a channel identity for {participant.NodeId} that is not the one the {manifest} lists; refusing the session (key substitution by coordinator {command.CoordinatorId} or on its link)");
            }

            peers.Add(new SessionPeer(participant.NodeId, checked((int)participant.PartyIndex), pinned));
        }

        return [.. peers];
    }

    private static ByteString InnerSession(NodeCommand command) => command.RequestCase switch
    {
        NodeCommand.RequestOneofCase.StartKeyGeneration => command.StartKeyGeneration.SessionId,
        NodeCommand.RequestOneofCase.StartSigning => command.StartSigning.SessionId,
        NodeCommand.RequestOneofCase.BeginSession => command.BeginSession.SessionId,
        NodeCommand.RequestOneofCase.AbortSession => command.AbortSession.SessionId,
        NodeCommand.RequestOneofCase.StartRefresh => command.StartRefresh.SessionId,
        NodeCommand.RequestOneofCase.CommitGeneration => command.CommitGeneration.SessionId,
        _ => ByteString.Empty,
    };

    // The claimed coordinator id is the caller's text until the signature verifies: bounded and printable wherever it is shown.
    private RpcException Refuse(string nodeId, string coordinatorId, string reason)
    {
        var coordinator = UntrustedText.ForLog(coordinatorId);
        LogRefused(nodeId, coordinator, reason);
        return new RpcException(new Status(StatusCode.PermissionDenied, $"node {nodeId} refuses the command from coordinator {coordinator}: {reason}"));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "node {Node} refused a command from coordinator {Coordinator}: {Reason}")]
    private partial void LogRefused(string node, string coordinator, string reason);
}
