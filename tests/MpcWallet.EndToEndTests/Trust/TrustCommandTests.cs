using MpcWallet.Host.Composition;
using MpcWallet.Infrastructure.Trust;
using MpcWallet.Mpc.Channel;
using MpcWallet.Mpc.Randomness;

namespace MpcWallet.EndToEndTests.Trust;

/// <summary>
/// The operator's side of enrollment as the README shows it (<c>MpcWallet.Host trust …</c>): an operator key, a draft,
/// members added, the manifest signed and shown; what a process then verifies. (Reading a node's or a coordinator's
/// identity with its own arguments is done by the split-deployment harness for every deployment test.)
/// </summary>
public sealed class TrustCommandTests
{
    [Fact]
    public async Task An_operator_enrolls_a_cluster_and_publishes_the_next_version()
    {
        var directory = Directory.CreateTempSubdirectory("mpcwallet-trust-commands-").FullName;
        string P(string name) => Path.Combine(directory, name);
        using var node = NodeIdentity.Generate(SystemRandomSource.Instance);
        using var coordinator = NodeIdentity.Generate(SystemRandomSource.Instance);
        var coordinatorKeys = coordinator.Public.Encode();

        var operatorPublic = (await RunAsync(0, "operator-key", "new", "--out", P("operator.key"))).Trim();
        Assert.Equal(TaggedSignature.KeyLength, Convert.FromBase64String(operatorPublic).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(P("operator.key")));
        }

        await RunAsync(0, "manifest", "new", "--cluster-id", "prod-eu-1", "--out", P("draft.json"));
        // The node's TLS fingerprint as `openssl x509 -noout -fingerprint -sha256` prints it (AB:CD:…) is enrolled as hex.
        var fingerprint = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var opensslForm = string.Join(':', Enumerable.Range(0, 32).Select(i => fingerprint.Substring(i * 2, 2).ToUpperInvariant()));
        await RunAsync(0, "manifest", "add-node", "--draft", P("draft.json"), "--id", "node-1", "--identity-key", Convert.ToBase64String(node.Public.Encode()), "--tls-certificate-sha256", opensslForm);
        await RunAsync(0, "manifest", "add-coordinator", "--draft", P("draft.json"), "--id", "coordinator-1",
            "--signing-key", Convert.ToBase64String(coordinatorKeys[..32]), "--encryption-key", Convert.ToBase64String(coordinatorKeys[32..]));
        Assert.Contains("v1", await RunAsync(0, "manifest", "sign", "--draft", P("draft.json"), "--operator-key", P("operator.key"), "--out", P("manifest.json")), StringComparison.Ordinal);

        var shown = await RunAsync(0, "manifest", "show", "--manifest", P("manifest.json"), "--operator-public-key", operatorPublic);
        Assert.Contains("prod-eu-1 v1 (1 nodes, 1 coordinators)", shown, StringComparison.Ordinal);
        var trust = ClusterTrust.Load(new TrustOptions { OperatorPublicKey = operatorPublic, ManifestPath = P("manifest.json") }, required: true);
        Assert.Null(trust.Failure);
        Assert.Equal(node.Public, trust.Manifest.FindNode("node-1")!.Identity);
        Assert.Equal(fingerprint, trust.Manifest.FindNode("node-1")!.TlsCertificateSha256);

        // A bad key in a draft is refused at once; a manifest shown under another operator key does not verify.
        Assert.Contains("identityKey", await RunAsync(2, "manifest", "add-node", "--draft", P("draft.json"), "--id", "node-2", "--identity-key", Convert.ToBase64String(new byte[64])), StringComparison.Ordinal);
        using var other = NodeIdentity.Generate(SystemRandomSource.Instance);
        Assert.Contains("tlsCertificateSha256", await RunAsync(2, "manifest", "add-node", "--draft", P("draft.json"), "--id", "node-2", "--identity-key", Convert.ToBase64String(other.Public.Encode()), "--tls-certificate-sha256", fingerprint[1..]), StringComparison.Ordinal);
        Assert.Contains("does not verify", await RunAsync(2, "manifest", "show", "--manifest", P("manifest.json"), "--operator-public-key", Convert.ToBase64String(TaggedSignature.PublicKeyOf(new byte[32]))), StringComparison.Ordinal);

        // The next version starts from the current one.
        await RunAsync(0, "manifest", "new", "--from", P("manifest.json"), "--out", P("draft-2.json"));
        await RunAsync(0, "manifest", "sign", "--draft", P("draft-2.json"), "--operator-key", P("operator.key"), "--out", P("manifest-2.json"));
        var next = ClusterTrust.Load(new TrustOptions { OperatorPublicKey = operatorPublic, ManifestPath = P("manifest-2.json") }, required: true);
        Assert.Equal(2, next.Manifest.Version);
    }

    private static async Task<string> RunAsync(int expectedExit, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await TrustCommand.RunAsync(args, output, error);
        Assert.True(exit == expectedExit, $"trust {string.Join(' ', args)} exited {exit}: {error}");
        return output.ToString() + error;
    }
}
