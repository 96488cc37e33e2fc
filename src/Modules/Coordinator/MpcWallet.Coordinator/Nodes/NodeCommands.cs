using Google.Protobuf;
using MpcWallet.Contracts.Control;
using MpcWallet.Coordinator.Configuration;
using MpcWallet.Infrastructure.Trust;

namespace MpcWallet.Coordinator.Nodes;

/// <summary>
/// Signs what this coordinator instance asks of nodes (docs/design-trust.md, "Commands a node can check"): a
/// NodeCommand binding the inner request to its session, the cluster and manifest version, and a short validity
/// window, signed with the instance's identity key. Nodes act on nothing else. Also the coordinator's one view of the
/// nodes' channel identities: the manifest's.
/// </summary>
internal sealed class NodeCommands(ClusterTrust trust, InstanceKeys keys, CoordinatorOptions options, TimeProvider time)
{
    private readonly ClusterTrust _trust = trust;
    private readonly CoordinatorOptions _options = options;
    private readonly TimeProvider _time = time;

    /// <summary>The channel identity the manifest lists for a node (encoded), or null when it lists none.</summary>
    public byte[]? IdentityOf(string nodeId) => _trust.Manifest.FindNode(nodeId)?.Identity.Encode();

    /// <summary>Fills in the binding fields of <paramref name="command"/> (whose request is set) and signs it.</summary>
    public SignedCommand Sign(ByteString sessionId, NodeCommand command)
    {
        var manifest = _trust.Manifest;
        var now = _time.GetUtcNow();
        command.SessionId = sessionId;
        command.ClusterId = manifest.ClusterId;
        command.ManifestVersion = (ulong)manifest.Version;
        command.IssuedAtUnixMs = now.ToUnixTimeMilliseconds();
        command.ExpiresAtUnixMs = (now + _options.CommandLifetime).ToUnixTimeMilliseconds();
        var bytes = command.ToByteArray();
        return new SignedCommand
        {
            Command = ByteString.CopyFrom(bytes),
            CoordinatorId = _options.InstanceId,
            Signature = ByteString.CopyFrom(keys.Identity.Sign(TaggedSignature.NodeCommand, bytes)),
        };
    }
}
