using Google.Protobuf;
using Grpc.Net.Client;
using MpcWallet.Contracts.Control;
using MpcWallet.Infrastructure.Trust;
using MpcWallet.Mpc.Protocol;

namespace MpcWallet.Node.Tests.Support;

/// <summary>
/// Plays a coordinator instance against the nodes' real NodeControl servers: its own identity key file, enrolled in
/// the harness's development manifest (or not), signing NodeCommands exactly as the coordinator does — or with any
/// key, id or validity a test wants.
/// </summary>
internal sealed class CommandIssuer : IDisposable
{
    private readonly CoordinatorIdentity _identity;
    private readonly ClusterTrust _trust;

    public CommandIssuer(ClusterTrust trust, string id, string directory, bool enroll = true)
    {
        _trust = trust;
        Id = id;
        _identity = CoordinatorIdentity.LoadOrCreate(Path.Combine(directory, id + ".key"));
        if (enroll)
        {
            trust.EnrollDevelopmentCoordinator(_identity.ManifestEntry(id));
        }
    }

    public string Id { get; }

    public static NodeControl.NodeControlClient Client(string endpoint) =>
        new(GrpcChannel.ForAddress(endpoint));

    /// <summary>A command as a coordinator makes it (or expired, or under another id, or signed by another key).</summary>
    public SignedCommand Sign(SessionId session, NodeCommand command, TimeSpan? expiresIn = null, string? asId = null, Func<byte[], byte[]>? signer = null)
    {
        var manifest = _trust.Manifest;
        var now = DateTimeOffset.UtcNow;
        command.SessionId = ByteString.CopyFrom(session.Span);
        command.ClusterId = manifest.ClusterId;
        command.ManifestVersion = (ulong)manifest.Version;
        command.IssuedAtUnixMs = now.ToUnixTimeMilliseconds();
        command.ExpiresAtUnixMs = (now + (expiresIn ?? TimeSpan.FromMinutes(1))).ToUnixTimeMilliseconds();
        var bytes = command.ToByteArray();
        return new SignedCommand
        {
            Command = ByteString.CopyFrom(bytes),
            CoordinatorId = asId ?? Id,
            Signature = ByteString.CopyFrom(signer is null ? _identity.Sign(TaggedSignature.NodeCommand, bytes) : signer(bytes)),
        };
    }

    public static StartKeyGenerationRequest KeyGeneration(SessionId session, string wallet, IEnumerable<(string Node, byte[] Identity)> participants)
    {
        var request = new StartKeyGenerationRequest { SessionId = ByteString.CopyFrom(session.Span), WalletId = wallet, Threshold = 2 };
        var index = 1u;
        foreach (var (node, identity) in participants)
        {
            request.Participants.Add(new Participant { NodeId = node, PartyIndex = index++, IdentityPublicKey = ByteString.CopyFrom(identity) });
        }

        return request;
    }

    public void Dispose() => _identity.Dispose();
}
