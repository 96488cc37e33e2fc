using System.Data.Common;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MpcWallet.Contracts.Events;
using MpcWallet.Infrastructure.Outbox;
using MpcWallet.Infrastructure.Persistence;
using MpcWallet.Transactions.Persistence;
using MpcWallet.Transactions.Tests.Support;

namespace MpcWallet.Transactions.Tests.Outbox;

/// <summary>
/// A store written by version 1 of the schema (its own outbox and idempotency shapes) is migrated by version 2 to
/// the shared shapes with its rows kept: an unsent outbox row takes its message's own id and is then published
/// with it; an idempotency key still answers for the transaction it made.
/// </summary>
public sealed class SchemaVersion2Tests
{
    [Fact]
    public Task A_version_1_sqlite_store_keeps_its_outbox_and_idempotency_rows() =>
        MigratesAsync(new ModuleDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(Directory.CreateTempSubdirectory("tx-v1-").FullName, "t.db")}", "transactions"));

    [Fact]
    public async Task A_version_1_postgresql_store_keeps_its_outbox_and_idempotency_rows()
    {
        var connection = (await TransactionsTestHost.PostgresArgumentsAsync())[^1];
        await MigratesAsync(new ModuleDatabase(DatabaseProvider.PostgreSQL, connection, "transactions"));
    }

    private static async Task MigratesAsync(ModuleDatabase database)
    {
        var messageId = Guid.NewGuid();
        var pending = new TransactionStatusChanged { MessageId = messageId, TransactionId = "tx_old", WalletId = "wal_old", Tenant = "t", ChainId = 31337, From = "0x0", NewStatus = "queued", At = DateTimeOffset.UtcNow };
        using var store = new TransactionsStore(database);
        await using (var context = store.Open())
        {
            var connection = context.Database.GetDbConnection();
            await connection.OpenAsync();
            var postgres = database.Provider == DatabaseProvider.PostgreSQL;
            var table = postgres ? "\"transactions\"." : "";
            if (postgres)
            {
                await ExecuteAsync(connection, "CREATE SCHEMA transactions");
            }

            await ExecuteAsync(connection, Version1Script(postgres).Replace("{schema}", "transactions", StringComparison.Ordinal));
            await ExecuteAsync(connection, $"CREATE TABLE {table}schema_history (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
            await ExecuteAsync(connection, $"INSERT INTO {table}schema_history VALUES (1, 'initial', '2026-01-01T00:00:00Z')");
            var createdAt = postgres ? "now()" : "'2026-01-01T00:00:00.0000000+00:00'";
            await ExecuteAsync(connection, $"INSERT INTO {table}outbox (id, sequence, message_type, payload, created_at, sent_at) VALUES ('0192aaaabbbbccccddddeeeeffff0000', 1, '{typeof(TransactionStatusChanged).FullName}', @payload, {createdAt}, NULL)",
                ("payload", System.Text.Json.JsonSerializer.Serialize(pending)));
            await ExecuteAsync(connection, $"INSERT INTO {table}idempotency_keys (tenant, scope, key, request_hash, transaction_id, created_at) VALUES ('t', 'wal_old', 'client-key-1', 'hash-1', 'tx_old', {createdAt})");
        }

        await store.MigrateAsync(CancellationToken.None);

        await using (var context = store.Open())
        {
            var row = await context.Outbox.AsNoTracking().SingleAsync();
            Assert.Equal(messageId.ToString(), row.MessageId);
            Assert.Null(row.SentAt);
            var key = await context.IdempotencyKeys.AsNoTracking().SingleAsync();
            Assert.Equal(("t", "wal_old", "client-key-1", "hash-1", "tx_old"), (key.Tenant, key.Operation, key.Key, key.RequestHash, key.ResourceId));
        }

        await using var bus = new ServiceCollection().AddMassTransitTestHarness().BuildServiceProvider(true);
        var harness = bus.GetRequiredService<ITestHarness>();
        await harness.Start();
        var dispatcher = new OutboxDispatcher<TransactionsDbContext>(store, harness.Bus, new OutboxSettings(), NullLogger<OutboxDispatcher<TransactionsDbContext>>.Instance);
        Assert.Equal(1, await dispatcher.DispatchPendingAsync(CancellationToken.None));
        Assert.Equal(messageId, harness.Published.Select<TransactionStatusChanged>().Single().Context.MessageId);
    }

    private static string Version1Script(bool postgres)
    {
        var assembly = typeof(TransactionsStore).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith($".Schema.{(postgres ? "postgresql" : "sqlite")}.V001_initial.sql", StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        return reader.ReadToEnd();
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        await command.ExecuteNonQueryAsync();
    }
}
