using Microsoft.Extensions.DependencyInjection;
using MpcWallet.Contracts.Heartbeats;
using MpcWallet.Contracts.PartialSignatures;
using MpcWallet.Contracts.StateSync;
using MpcWallet.Infrastructure.Trust;
using MpcWallet.Mpc.Channel;
using MpcWallet.Mpc.Randomness;

namespace MpcWallet.Coordinator.Tests.Support;

/// <summary>
/// The identities of the harness's nodes node-1..node-3, enrolled in its (development) manifest, and their reports
/// signed through the same code the nodes use (<see cref="BrokerMessageSignatures"/>, <see cref="PartialSignatureSeal"/>).
/// </summary>
internal static class TestNodes
{
    private static readonly Dictionary<string, NodeIdentity> Identities = Enumerable.Range(1, 3)
        .ToDictionary(i => $"node-{i}", _ => NodeIdentity.Generate(SystemRandomSource.Instance));

    public static NodeIdentity Identity(string node) => Identities[node];

    public static void Enroll(ClusterTrust trust)
    {
        foreach (var (id, identity) in Identities)
        {
            trust.EnrollDevelopmentNode(id, identity.Public);
        }
    }

    public static NodeHeartbeat Sign(NodeHeartbeat message) => BrokerMessageSignatures.Sign(message, Identities[message.Node]);

    public static NodeStateHint Sign(NodeStateHint message) => BrokerMessageSignatures.Sign(message, Identities[message.Node]);

    public static KeyShareStored Sign(KeyShareStored message) => BrokerMessageSignatures.Sign(message, Identities[message.Node]);

    public static SessionFailed Sign(SessionFailed message) => BrokerMessageSignatures.Sign(message, Identities[message.Node]);

    /// <summary>A node's partial signature as it publishes it: sealed to the harness's coordinator, signed by the node.</summary>
    public static PartialSignatureSubmitted Partial(IServiceProvider provider, string session, string node, byte[] partial, DateTimeOffset? sentAt = null) =>
        BrokerMessageSignatures.Sign(
            new PartialSignatureSubmitted
            {
                MessageId = MassTransit.NewId.NextGuid(),
                SessionId = session,
                Node = node,
                SentAt = sentAt ?? DateTimeOffset.UtcNow,
                Payload = PartialSignatureSeal.Seal(partial, session, node, provider.GetRequiredService<ClusterTrust>().Manifest),
            },
            Identities[node]);
}
