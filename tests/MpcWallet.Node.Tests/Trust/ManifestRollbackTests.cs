using Microsoft.Extensions.Hosting.Internal;
using MpcWallet.Infrastructure.Persistence;
using MpcWallet.Node.Configuration;
using MpcWallet.Node.Persistence;
using MpcWallet.Node.Security;

namespace MpcWallet.Node.Tests.Trust;

/// <summary>
/// Rollback protection for the cluster manifest: a node records, sealed in its own store, the highest manifest version
/// it accepted for its cluster, and refuses to start on an older one (an attacker who can write the manifest file could
/// otherwise put back a validly signed version that still lists a removed node or a revoked coordinator key). Each
/// open is one process start on the same store.
/// </summary>
public sealed class ManifestRollbackTests : IDisposable
{
    private const string NodeId = "node-1";
    private readonly string _data = Directory.CreateTempSubdirectory("mpcwallet-node-rollback-").FullName;

    [Fact]
    public async Task A_node_that_accepted_version_2_refuses_version_1_naming_both_and_accepts_2_again_and_3()
    {
        await StartAsync("prod-eu-1", 2);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync("prod-eu-1", 1));
        Assert.Contains("version 1 of cluster prod-eu-1", refused.Message, StringComparison.Ordinal);
        Assert.Contains("already accepted version 2", refused.Message, StringComparison.Ordinal);

        await StartAsync("prod-eu-1", 2);
        await StartAsync("prod-eu-1", 3);

        // 3 is now the floor: 2 is refused too.
        var afterThree = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync("prod-eu-1", 2));
        Assert.Contains("already accepted version 3", afterThree.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_highest_version_is_kept_per_cluster_id()
    {
        await StartAsync("prod-eu-1", 5);
        await StartAsync("staging", 1);
        await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync("prod-eu-1", 4));
    }

    [Fact]
    public async Task An_edited_highest_version_row_does_not_open_and_the_node_refuses_to_start()
    {
        await StartAsync("prod-eu-1", 7);
        await StartAsync("other", 1);
        var store = Store();
        var setting = "manifest-version/prod-eu-1";

        // Another cluster's sealed row copied over this cluster's (its number is 1): bound to its cluster id, it does not open.
        await store.ReplaceSettingAsync(setting, await store.GetSettingAsync("manifest-version/other", CancellationToken.None), CancellationToken.None);
        var swapped = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync("prod-eu-1", 1));
        Assert.Contains("does not open", swapped.Message, StringComparison.Ordinal);

        // A plain number written in its place does not open either.
        await store.ReplaceSettingAsync(setting, [0, 0, 0, 0, 0, 0, 0, 1], CancellationToken.None);
        await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync("prod-eu-1", 1));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private NodeStore Store() =>
        new(new ModuleDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_data, "node.db")}", "node_node_1"));

    /// <summary>What a node's start does with its store: apply the schema, open the vault, check the manifest's version.</summary>
    private async Task StartAsync(string clusterId, long version)
    {
        var store = Store();
        await store.MigrateAsync(CancellationToken.None);
        var keys = new KeyEncryptionKeySource(
            new NodeOptions { KeyEncryptionKeys = { [NodeId] = Convert.ToHexString([.. Enumerable.Range(1, 32).Select(i => (byte)i)]) } },
            new HostingEnvironment { EnvironmentName = "Production" });
        using var vault = new NodeVault(NodeId, _data, store, keys);
        await vault.OpenAsync(CancellationToken.None);
        await vault.AcceptManifestVersionAsync(clusterId, version, CancellationToken.None);
    }
}
