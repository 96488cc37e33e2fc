using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MpcWallet.Infrastructure.Persistence;

/// <summary>
/// Every SQLite connection waits inside SQLite for a competing writer (busy timeout) instead of failing at once with
/// "database is locked": concurrent sessions, the outbox and the API all write the same file. Write-ahead logging
/// (set once per file by <see cref="SchemaMigrator"/>) lets readers run beside the one writer.
/// </summary>
internal sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = FULL;";

    public static SqliteConnectionSetup Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
