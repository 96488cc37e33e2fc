using Google.Protobuf;
using Grpc.Core;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using MpcWallet.Contracts.Control;
using MpcWallet.Contracts.Rounds;
using MpcWallet.Infrastructure.Trust;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Randomness;
using MpcWallet.Node.Persistence;
using MpcWallet.Node.Runtime;
using MpcWallet.Node.Security;
using MpcWallet.Node.Tests.Support;

namespace MpcWallet.Node.Tests.Trust;

/// <summary>
/// Finding H1: with one shared control token, anyone holding one node's configuration could command every other node.
/// Now a node acts only on a NodeCommand signed by a coordinator instance the cluster manifest lists, for this
/// session, within its validity window. The attacker here holds everything node-1 has: its store, its key-encryption
/// key and so its channel identity private key.
/// </summary>
[Collection(NodeHarness.Collection)]
public sealed class SignedCommandTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("mpcwallet-node-commands-").FullName;

    [Fact]
    public async Task Commands_not_signed_by_a_manifest_coordinator_for_this_session_and_time_are_refused_by_other_nodes()
    {
        await using var provider = NodeHarness.Build(_data);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var nodes = provider.GetRequiredService<LocalNodes>().All.ToArray();
        var trust = provider.GetRequiredService<ClusterTrust>();
        using var coordinator = new CommandIssuer(trust, "coordinator-1", _data);
        using var rogue = new CommandIssuer(trust, "coordinator-rogue", _data, enroll: false);

        // What node-1's holder can sign with: node-1's identity key, opened from its store with its key-encryption key.
        var stolen = await StolenIdentitySeedAsync(nodes[0], provider.GetRequiredService<KeyEncryptionKeySource>());
        byte[] SignedByNode1(byte[] command) => TaggedSignature.Sign(TaggedSignature.NodeCommand, stolen, command);

        var participants = nodes.Select(n => (n.Id, n.IdentityPublicKey)).ToArray();
        var session = SessionId.Random(SystemRandomSource.Instance);
        NodeCommand Signing() => new() { StartSigning = new StartSigningRequest { SessionId = Google.Protobuf.ByteString.CopyFrom(session.Span), WalletId = "wlt_any", Digest = Google.Protobuf.ByteString.CopyFrom(new byte[32]), Participants = { CommandIssuer.KeyGeneration(session, "wlt_any", participants).Participants } } };
        NodeCommand KeyGeneration() => new() { StartKeyGeneration = CommandIssuer.KeyGeneration(session, "wlt_any", participants) };

        // (why, the command, sent as StartKeyGeneration rather than StartSigning, what the refusal says)
        var attempts = new (string Why, SignedCommand Command, bool AsKeyGeneration, string Expected)[]
        {
            ("node-1 presenting itself as a coordinator", coordinator.Sign(session, Signing(), asId: "node-1", signer: SignedByNode1), false, "from coordinator node-1: the coordinator is not in the"),
            ("node-1's key under the real coordinator's id", coordinator.Sign(session, Signing(), signer: SignedByNode1), false, "does not verify under the key"),
            ("a coordinator key no manifest lists", rogue.Sign(session, Signing()), false, "from coordinator coordinator-rogue: the coordinator is not in the"),
            ("a claimed coordinator id made to flood the logs", coordinator.Sign(session, Signing(), asId: new string('x', 300) + "\nforged line", signer: SignedByNode1), false, new string('x', 64) + "… (312 chars): the coordinator is not in the"),
            ("an expired command of the real coordinator", coordinator.Sign(session, Signing(), expiresIn: TimeSpan.FromSeconds(-1)), false, "expired"),
            ("a signing command presented as a key generation", coordinator.Sign(session, Signing()), true, "not a StartKeyGeneration"),
            ("a command valid too long", coordinator.Sign(session, KeyGeneration(), expiresIn: TimeSpan.FromHours(1)), true, "validity window"),
            ("a command for another session", coordinator.Sign(SessionId.Random(SystemRandomSource.Instance), KeyGeneration()), true, "session id is not the one"),
            ("an unsigned command (the old token was the credential)", new SignedCommand { Command = KeyGeneration().ToByteString(), CoordinatorId = "coordinator-1" }, true, "does not verify"),
        };
        foreach (var node in nodes[1..])
        {
            var client = CommandIssuer.Client(node.Endpoint!);
            foreach (var (why, command, asKeyGeneration, expected) in attempts)
            {
                var call = asKeyGeneration ? client.StartKeyGenerationAsync(command).ResponseAsync : client.StartSigningAsync(command).ResponseAsync;
                var refused = await Assert.ThrowsAsync<RpcException>(() => call);
                Assert.True(refused.StatusCode == StatusCode.PermissionDenied, $"{why}: {refused.Status}");
                Assert.True(refused.Status.Detail.Contains(expected, StringComparison.Ordinal), $"{why}: {refused.Status.Detail}");
            }

            Assert.Equal(0, node.ActiveSessionCount);
        }

        // A genuine command for a session this node is not part of.
        var others = coordinator.Sign(session, new NodeCommand { StartKeyGeneration = CommandIssuer.KeyGeneration(session, "wlt_any", participants[..2]) });
        var notMine = await Assert.ThrowsAsync<RpcException>(() => CommandIssuer.Client(nodes[2].Endpoint!).StartKeyGenerationAsync(others).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, notMine.StatusCode);
        Assert.Contains("is not a participant", notMine.Status.Detail, StringComparison.Ordinal);

        Assert.False(harness.Published.Select<RoundMessage>(x => x.Context.Message.SessionId == session.ToString()).Any());

        // The control: the same command, correctly signed by the manifest's coordinator, is accepted.
        var accepted = await CommandIssuer.Client(nodes[1].Endpoint!).StartKeyGenerationAsync(coordinator.Sign(session, KeyGeneration()));
        Assert.Equal(MpcWallet.Mpc.Channel.SessionKeyOffer.EncodedLength, accepted.SessionKeyOffer.Length);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<byte[]> StolenIdentitySeedAsync(NodeRuntime node, KeyEncryptionKeySource keys)
    {
        using var vault = new NodeVault(node.Id, node.DataDirectory, node.Store, keys);
        await vault.OpenAsync(CancellationToken.None);
        var exported = vault.Identity.ExportPrivate();
        return exported[1..33]; // format version, then the Ed25519 seed (NodeIdentity.ExportPrivate)
    }
}
