using System.Text;
using MpcWallet.Mpc.Backup;
using MpcWallet.Mpc.Hashing;
using MpcWallet.Mpc.Randomness;

namespace MpcWallet.Infrastructure.Trust;

/// <summary>
/// A node's partial signature on the broker, readable only by coordinator instances (docs/channel.md, "Partial
/// signatures are sealed"): sealed with <see cref="RecipientEnvelope"/> (the engine's RFC 9180 HPKE) to every
/// coordinator encryption key in the cluster manifest, so any instance can aggregate it; the associated data binds the
/// message type, the session and the node, so a sealed partial moved to another session or claimed by another node
/// does not open.
/// </summary>
public static class PartialSignatureSeal
{
    private static readonly byte[] Info = Encoding.ASCII.GetBytes(BrokerMessageSignatures.PartialSignatureTag + "/seal");

    /// <exception cref="InvalidOperationException">The manifest lists no coordinator (nobody could open it).</exception>
    public static byte[] Seal(ReadOnlySpan<byte> partial, string sessionId, string nodeId, ClusterManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (manifest.Coordinators.Count == 0)
        {
            throw new InvalidOperationException($"{manifest} lists no coordinator to seal a partial signature to");
        }

        return RecipientEnvelope.Seal(partial, manifest.Coordinators.Select(c => c.EncryptionKey).ToArray(), Info, AssociatedData(sessionId, nodeId), SystemRandomSource.Instance);
    }

    /// <summary>The partial signature, or null when it is not sealed to this instance or was sealed for another session or node.</summary>
    public static byte[]? Open(ReadOnlySpan<byte> envelope, string sessionId, string nodeId, CoordinatorIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return identity.Open(envelope, Info, AssociatedData(sessionId, nodeId));
    }

    /// <summary>Opens with any X25519 private key (tests show that a key outside the manifest opens nothing).</summary>
    public static byte[]? OpenWith(ReadOnlySpan<byte> envelope, string sessionId, string nodeId, ReadOnlySpan<byte> privateKey) =>
        RecipientEnvelope.Open(envelope, privateKey, Info, AssociatedData(sessionId, nodeId));

    private static byte[] AssociatedData(string sessionId, string nodeId)
    {
        using var transcript = new Transcript(BrokerMessageSignatures.PartialSignatureTag + "/associated-data");
        return transcript.Append(sessionId ?? "").Append(nodeId ?? "").Finish();
    }
}
