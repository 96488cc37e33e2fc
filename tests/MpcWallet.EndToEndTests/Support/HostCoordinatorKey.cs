using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using MpcWallet.Contracts.Control;
using MpcWallet.Infrastructure.Trust;

namespace MpcWallet.EndToEndTests.Support;

/// <summary>
/// Signs node commands with a single host's own coordinator identity (its key file under the data directory, the
/// development manifest's only coordinator): what a compromised coordinator could send. Tests use it to reach the
/// nodes' own checks behind the signature (pre-images, the raw-digest policy).
/// </summary>
internal static class HostCoordinatorKey
{
    public static SignedCommand Sign(TestHost host, NodeCommand command)
    {
        var manifest = host.Services.GetRequiredService<ClusterTrust>().Manifest;
        var coordinator = Assert.Single(manifest.Coordinators);
        using var identity = CoordinatorIdentity.LoadOrCreate(Path.Combine(host.DataDirectory, "coordinator", "identity.key"));
        Assert.True(identity.Matches(coordinator), "the host's coordinator key file is the one its manifest lists");
        var now = DateTimeOffset.UtcNow;
        command.ClusterId = manifest.ClusterId;
        command.ManifestVersion = (ulong)manifest.Version;
        command.IssuedAtUnixMs = now.ToUnixTimeMilliseconds();
        command.ExpiresAtUnixMs = (now + TimeSpan.FromMinutes(1)).ToUnixTimeMilliseconds();
        var bytes = command.ToByteArray();
        return new SignedCommand
        {
            Command = ByteString.CopyFrom(bytes),
            CoordinatorId = coordinator.Id,
            Signature = ByteString.CopyFrom(identity.Sign(TaggedSignature.NodeCommand, bytes)),
        };
    }

    /// <summary>The manifest's identity of <paramref name="nodeId"/>, as a participant entry carries it.</summary>
    public static ByteString IdentityOf(TestHost host, string nodeId) =>
        ByteString.CopyFrom(host.Services.GetRequiredService<ClusterTrust>().Manifest.FindNode(nodeId)!.Identity.Encode());
}
