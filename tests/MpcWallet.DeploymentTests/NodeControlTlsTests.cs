using System.Net;
using System.Security.Authentication;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using MpcWallet.Contracts.Control;
using MpcWallet.Infrastructure.Trust;
using MpcWallet.Testing.Processes;
using MpcWallet.Testing.Split;

namespace MpcWallet.DeploymentTests;

/// <summary>
/// NodeControl is TLS 1.3 with certificates pinned to the cluster manifest in both directions. Every refused
/// certificate here is issued by the very CA the processes are configured with, so only the pin can refuse it; each
/// refusal is shown next to the same call with the enrolled certificate, which succeeds.
/// </summary>
[Collection(SplitProcessesCollection.Name)]
public sealed class NodeControlTlsTests
{
    [Fact]
    public async Task Nodes_and_coordinators_accept_only_the_certificates_the_manifest_pins_and_no_cleartext_or_TLS_1_2()
    {
        await using var cluster = await SplitCluster.StartAsync(new SplitClusterOptions { Name = "split-mtls", WithChain = false });
        var node1 = cluster.NodeAddresses["node-1"];
        var enrolled = cluster.CertificateOf("coordinator-1").Certificate;
        var intruder = cluster.CertificateOf("intruder").Certificate; // same CA, never enrolled

        // The enrolled coordinator certificate is answered; a certificate the manifest does not list, none at all,
        // cleartext h2c and TLS 1.2 are not.
        Assert.Equal("node-1", (await PingAsync(node1, new HostTls(cluster.Authority, enrolled))).NodeId);
        await Assert.ThrowsAsync<RpcException>(() => PingAsync(node1, new HostTls(cluster.Authority, intruder)));
        await Assert.ThrowsAsync<RpcException>(() => PingAsync(node1, new HostTls(cluster.Authority)));
        await Assert.ThrowsAsync<RpcException>(() => PingAsync(new UriBuilder(node1) { Scheme = "http" }.Uri, tls: null));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => HealthAsync(node1, new HostTls(cluster.Authority, enrolled), SslProtocols.Tls12));
        Assert.Equal(HttpStatusCode.OK, await HealthAsync(node1, new HostTls(cluster.Authority, enrolled), SslProtocols.Tls13));

        var intruderFingerprint = CertificatePinning.Fingerprint(intruder);
        await Eventually.TrueAsync(
            () => Task.FromResult(Log(cluster.Nodes["node-1"]).Contains($"NodeControl refused a TLS client (certificate subject 'CN=intruder'): certificate SHA-256 {intruderFingerprint} refused", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10),
            () => "node-1 logs the refused certificate by its fingerprint\n" + cluster.Logs());

        // The coordinator side: a wallet, then the manifest the coordinator reads pins another certificate for node-3
        // (same version, so the running nodes' manifest still matches its commands). With node-1 gone, every quorum
        // needs node-3, whose real certificate is now refused: the signature fails and the coordinator names node-3.
        using var api = cluster.Api();
        var wallet = await api.CreateWalletAsync("split-mtls");
        var walletId = wallet.GetProperty("id").GetString()!;
        var honest = File.ReadAllText(cluster.ManifestPath);
        var draft = ManifestDocument.ReadUnverified(honest);
        draft.Nodes.Single(n => n.Id == "node-3").TlsCertificateSha256 = intruderFingerprint;
        cluster.WriteManifest(draft);
        await cluster.Coordinator.RestartAsync();
        await cluster.Nodes["node-1"].KillAsync();
        await api.WaitForOfflineAsync("node-1");

        var refused = await api.SignDigestAsync(walletId, SignatureCheck.ToHex(SignatureCheck.RandomDigest()));
        Assert.True(refused.GetProperty("status").GetString() == "failed", "the signature fails when node-3's certificate is refused: " + refused + "\n" + cluster.Logs());
        var log = Log(cluster.Coordinator);
        Assert.Contains($"refused the server certificate of node node-3 at {cluster.NodeAddresses["node-3"].ToString().TrimEnd('/')}, the node is not used", log, StringComparison.Ordinal);

        // The same quorum with the honest manifest signs: it was the pin, nothing else, that refused node-3.
        File.WriteAllText(cluster.ManifestPath, honest);
        await cluster.Coordinator.RestartAsync();
        await cluster.WaitForNodesAsync(2, mustInclude: ["node-2", "node-3"]);
        var digest = SignatureCheck.RandomDigest();
        var signed = await api.SignDigestAsync(walletId, SignatureCheck.ToHex(digest));
        SignatureCheck.AssertValid(signed, wallet, digest);
        Assert.Equal(["node-2", "node-3"], SplitDeploymentTests.SignedBy(signed).Order());
    }

    private static string Log(HostProcess process)
    {
        using var stream = new FileStream(process.LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task<PingReply> PingAsync(Uri node, HostTls? tls)
    {
        using var channel = GrpcChannel.ForAddress(node, tls is null ? new GrpcChannelOptions() : new GrpcChannelOptions { HttpHandler = tls.Handler(SslProtocols.Tls13) });
        return await new NodeControl.NodeControlClient(channel).PingAsync(new PingRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
    }

    private static async Task<HttpStatusCode> HealthAsync(Uri node, HostTls tls, SslProtocols protocols)
    {
        using var client = new HttpClient(tls.Handler(protocols)) { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact, Timeout = TimeSpan.FromSeconds(10) };
        using var response = await client.GetAsync(new Uri(node, "/health/live"));
        return response.StatusCode;
    }
}
