using System.Security.Cryptography;
using MpcWallet.Coordinator.Configuration;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Infrastructure.Persistence;
using MpcWallet.Infrastructure.Trust;
using MpcWallet.Testing;

namespace MpcWallet.Coordinator.Tests.Trust;

/// <summary>
/// Rollback protection for the cluster manifest on coordinators: the store they share records the highest version any
/// of them accepted per cluster id, and a coordinator refuses to start on an older one (it could still list a revoked
/// coordinator key or a removed node). Each check is one instance's start on the same store; one operator key signs
/// every version, as in a real cluster.
/// </summary>
public sealed class ManifestRollbackCheckTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("mpcwallet-coordinator-rollback-").FullName;
    private readonly byte[] _operator = RandomNumberGenerator.GetBytes(TaggedSignature.KeyLength);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSQL)]
    public async Task A_store_that_accepted_version_2_refuses_version_1_naming_both_and_accepts_2_again_and_3(DatabaseProvider provider)
    {
        var store = new CoordinatorStore(provider == DatabaseProvider.Sqlite
            ? new ModuleDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_data, "coordinator.db")}", "coordinator")
            : new ModuleDatabase(DatabaseProvider.PostgreSQL, await TestPostgres.CreateDatabaseAsync("coordinator_rollback"), "coordinator"));
        await store.MigrateAsync(CancellationToken.None);

        await StartAsync(store, 2);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(store, 1));
        Assert.Contains("the cluster manifest is version 1 of cluster tests, but a coordinator on this store already accepted version 2", refused.Message, StringComparison.Ordinal);

        await StartAsync(store, 2);
        await StartAsync(store, 3);
        var afterThree = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(store, 2));
        Assert.Contains("already accepted version 3", afterThree.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_trust_is_not_checked_its_manifest_is_made_up_afresh_by_each_process()
    {
        var store = new CoordinatorStore(new ModuleDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_data, "coordinator.db")}", "coordinator"));
        await store.MigrateAsync(CancellationToken.None);
        var development = ClusterTrust.Development(_data);
        await store.RaiseManifestVersionAsync(development.Manifest.ClusterId, development.Manifest.Version + 5, CancellationToken.None);
        await new ManifestRollbackCheck(development, store).StartAsync(CancellationToken.None);
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

    private async Task StartAsync(CoordinatorStore store, long version)
    {
        var path = Path.Combine(_data, $"cluster-manifest-v{version}.json");
        await File.WriteAllTextAsync(path, ManifestDocument.Sign(new ManifestDraft { ClusterId = "tests", Version = version, IssuedAt = DateTimeOffset.UtcNow }, _operator));
        var trust = ClusterTrust.Load(new TrustOptions { OperatorPublicKey = Convert.ToBase64String(TaggedSignature.PublicKeyOf(_operator)), ManifestPath = path }, required: true);
        Assert.Null(trust.Failure);
        await new ManifestRollbackCheck(trust, store).StartAsync(CancellationToken.None);
    }
}
