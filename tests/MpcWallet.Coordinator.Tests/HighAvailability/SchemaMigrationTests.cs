using MpcWallet.Coordinator.Persistence;
using MpcWallet.Infrastructure.Persistence;
using MpcWallet.Testing;

namespace MpcWallet.Coordinator.Tests.HighAvailability;

/// <summary>Two coordinators starting at the same moment on one PostgreSQL database both come up: one applies the schema, the other waits for it.</summary>
public sealed class SchemaMigrationTests
{
    [Fact]
    public async Task Coordinators_starting_at_once_on_one_database_apply_the_schema_once()
    {
        var databases = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => TestPostgres.CreateDatabaseAsync("coordinator_migrate")));
        await Task.WhenAll(databases.SelectMany(connection => Enumerable.Range(0, 2).Select(_ =>
            Task.Run(() => new CoordinatorStore(new ModuleDatabase(DatabaseProvider.PostgreSQL, connection, "coordinator")).MigrateAsync(CancellationToken.None)))));

        foreach (var connection in databases)
        {
            await using var context = new CoordinatorStore(new ModuleDatabase(DatabaseProvider.PostgreSQL, connection, "coordinator")).Open();
            Assert.Equal(0, context.Sessions.Count());
        }
    }
}
