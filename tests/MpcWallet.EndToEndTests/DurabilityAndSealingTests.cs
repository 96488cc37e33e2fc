using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using MpcWallet.EndToEndTests.Support;
using MpcWallet.Node.Runtime;

namespace MpcWallet.EndToEndTests;

/// <summary>State survives a restart; shares exist on disk only sealed; a wrong key-encryption key stops the node.</summary>
public sealed class DurabilityAndSealingTests
{
    [Fact]
    public async Task Wallets_and_signatures_survive_a_restart_and_shares_are_never_on_disk_in_clear()
    {
        var data = TestHost.NewDataDirectory();
        string walletId;
        string signatureId;
        byte[][] secrets;
        await using (var host = await TestHost.StartAsync(Backend.InMemorySqlite, data))
        {
            using var client = host.Client();
            var wallet = await Api.CreateActiveWalletAsync(client);
            walletId = wallet.GetProperty("id").GetString()!;
            var (_, signature, _) = await Api.PostAsync(client, $"/v1/wallets/{walletId}/signatures", """{"type": "personalMessage", "message": "before restart"}""", wait: 30);
            signatureId = signature.GetProperty("id").GetString()!;

            var nodes = host.Services.GetRequiredService<LocalNodes>().All;
            secrets = (await Task.WhenAll(nodes.Select(async n =>
            {
                var share = await n.LoadShareAsync(walletId, 0, CancellationToken.None);
                var secret = share.SecretShare.ToBytes();
                share.Clear();
                return secret;
            }))).ToArray();
        }

        // Every byte the process left under the data directory (databases, WAL files, key files).
        foreach (var file in Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            foreach (var secret in secrets)
            {
                Assert.Equal(-1, bytes.AsSpan().IndexOf(secret));
                Assert.DoesNotContain(Convert.ToHexStringLower(secret), System.Text.Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
            }
        }

        await using (var host = await TestHost.StartAsync(Backend.InMemorySqlite, data))
        {
            using var client = host.Client();
            var (_, wallet) = await Api.GetAsync(client, $"/v1/wallets/{walletId}");
            Assert.Equal("active", wallet.GetProperty("status").GetString());
            var (_, old) = await Api.GetAsync(client, $"/v1/signatures/{signatureId}");
            Assert.Equal("completed", old.GetProperty("status").GetString());

            var (status, fresh, _) = await Api.PostAsync(client, $"/v1/wallets/{walletId}/signatures", """{"type": "personalMessage", "message": "after restart"}""", wait: 30);
            Assert.Equal(HttpStatusCode.Created, status);
            SignatureCheck.AssertValid(fresh, wallet, SignatureCheck.Hex(fresh.GetProperty("digest").GetString()!));
        }
    }

    [Fact]
    public async Task A_wrong_key_encryption_key_makes_the_node_refuse_to_start()
    {
        var data = TestHost.NewDataDirectory();
        var node1Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var node3Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        string[] Keys(string node2Key) =>
        [
            "--modules", "node",
            "--Node:KeyEncryptionKeys:node-1", node1Key,
            "--Node:KeyEncryptionKeys:node-2", node2Key,
            "--Node:KeyEncryptionKeys:node-3", node3Key,
        ];
        var original = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var trust = await TestTrust.EnrollAsync([TestHostArgs(data, Keys(original))], []);
        var app = MpcWallet.Host.Composition.MpcWalletHost.Build([.. TestHostArgs(data, Keys(original)), .. trust]);
        await app.StartAsync();
        await app.StopAsync();
        await app.DisposeAsync();

        var wrong = MpcWallet.Host.Composition.MpcWalletHost.Build([.. TestHostArgs(data, Keys(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)))), .. trust]);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => wrong.StartAsync());
        await wrong.DisposeAsync();
        Assert.Contains("node-2", error.Message, StringComparison.Ordinal);
        Assert.Contains("key-encryption key does not open", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_whose_identity_is_not_the_one_the_manifest_lists_refuses_to_start()
    {
        var data = TestHost.NewDataDirectory();
        string[] args = [.. TestHostArgs(data, ["--modules", "node", "--Node:CreateDevelopmentKeys", "true"])];
        using var impostor = MpcWallet.Mpc.Channel.NodeIdentity.Generate(MpcWallet.Mpc.Randomness.SystemRandomSource.Instance);
        var trust = await TestTrust.EnrollAsync([args], [], draft => draft.Nodes.Single(n => n.Id == "node-2").IdentityKey = Convert.ToBase64String(impostor.Public.Encode()));
        var app = MpcWallet.Host.Composition.MpcWalletHost.Build([.. args, .. trust]);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());
        await app.DisposeAsync();
        Assert.Contains("node node-2: its channel identity", error.Message, StringComparison.Ordinal);
        Assert.Contains("is not the one the cluster manifest", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_process_that_accepted_manifest_version_2_refuses_version_1_at_its_next_start_and_accepts_2_and_3()
    {
        // Rollback protection: the same operator key signs every version, as in a real cluster; an attacker who can
        // write the manifest file puts back version 1 (validly signed, but older than what the nodes accepted).
        var data = TestHost.NewDataDirectory();
        string[] args = [.. TestHostArgs(data, ["--modules", "node", "--Node:CreateDevelopmentKeys", "true", "--Security:AllowCleartext", "true"])];
        var operatorKey = RandomNumberGenerator.GetBytes(MpcWallet.Infrastructure.Trust.TaggedSignature.KeyLength);
        Task<string[]> Version(long version) => TestTrust.EnrollAsync([args], [], draft => draft.Version = version, operatorKey);

        await StartAndStopAsync([.. args, .. await Version(2)]);

        var rolledBack = MpcWallet.Host.Composition.MpcWalletHost.Build([.. args, .. await Version(1)]);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => rolledBack.StartAsync());
        await rolledBack.DisposeAsync();
        Assert.Contains("the cluster manifest is version 1 of cluster tests, but this node already accepted version 2", error.Message, StringComparison.Ordinal);

        await StartAndStopAsync([.. args, .. await Version(2)]);
        await StartAndStopAsync([.. args, .. await Version(3)]);
        var afterThree = MpcWallet.Host.Composition.MpcWalletHost.Build([.. args, .. await Version(2)]);
        var again = await Assert.ThrowsAsync<InvalidOperationException>(() => afterThree.StartAsync());
        await afterThree.DisposeAsync();
        Assert.Contains("already accepted version 3", again.Message, StringComparison.Ordinal);
    }

    private static async Task StartAndStopAsync(string[] args)
    {
        var app = MpcWallet.Host.Composition.MpcWalletHost.Build(args);
        await app.StartAsync();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static string[] TestHostArgs(string data, string[] extra) =>
    [
        "--urls", "http://127.0.0.1:0", "--data-dir", data, "--environment", "Production",
        "--Cluster:Nodes:0:GrpcEndpoint", "http://127.0.0.1:0", "--Cluster:Nodes:1:GrpcEndpoint", "http://127.0.0.1:0", "--Cluster:Nodes:2:GrpcEndpoint", "http://127.0.0.1:0",
        "--Logging:LogLevel:Default", "Warning",
        .. extra,
    ];
}
