using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace MpcWallet.Infrastructure.Persistence;

/// <summary>
/// Applies a module's checked-in, versioned schema at start-up. Scripts are embedded resources named
/// <c>…Schema.&lt;provider&gt;.V&lt;NNN&gt;_&lt;name&gt;.sql</c>; each runs once, in its own transaction, and is recorded in
/// <c>schema_history</c> of the store. <c>{schema}</c> in a PostgreSQL script is replaced by the store's schema.
/// (EF migrations would need the dotnet-ef tool, which is not installable here.)
/// </summary>
public static class SchemaMigrator
{
    public static async Task ApplyAsync(DbContext context, ModuleDatabase database, Assembly scriptAssembly, CancellationToken cancellationToken)
    {
        var provider = database.Provider == DatabaseProvider.PostgreSQL ? "postgresql" : "sqlite";
        var scripts = scriptAssembly.GetManifestResourceNames()
            .Where(n => n.Contains($".Schema.{provider}.V", StringComparison.OrdinalIgnoreCase) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => (Name: n, Version: VersionOf(n)))
            .OrderBy(s => s.Version)
            .ToArray();
        if (scripts.Length == 0)
        {
            throw new InvalidOperationException($"no {provider} schema scripts embedded in {scriptAssembly.GetName().Name}");
        }

        var history = database.Provider == DatabaseProvider.PostgreSQL ? $"\"{database.Schema}\".schema_history" : "schema_history";
        var connection = context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (database.Provider == DatabaseProvider.PostgreSQL)
            {
                // Several processes may start on one store at once (two coordinators): one applies, the others wait.
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock(hashtext('mpcwallet-schema:{database.Schema}'))", cancellationToken);
                // Created only when missing: a module's own database role (docs/security.md) is given its schema by the
                // administrator and may not create schemas (CREATE SCHEMA IF NOT EXISTS asks for that right even when it exists).
                await ExecuteAsync(connection, null, $"DO $$ BEGIN IF to_regnamespace('\"{database.Schema}\"') IS NULL THEN CREATE SCHEMA \"{database.Schema}\"; END IF; END $$", cancellationToken);
            }
            else
            {
                // Write-ahead logging (a property of the file, kept across opens): readers never wait for the writer
                // and the writer never waits for readers, so concurrent sessions only queue behind one another's commits.
                await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken);
            }

            await ExecuteAsync(connection, null, $"CREATE TABLE IF NOT EXISTS {history} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)", cancellationToken);
            var applied = new HashSet<int>();
            await using (var read = connection.CreateCommand())
            {
                read.CommandText = $"SELECT version FROM {history}";
                await using var reader = await read.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(reader.GetInt32(0));
                }
            }

            foreach (var (name, version) in scripts.Where(s => !applied.Contains(s.Version)))
            {
                await using var stream = scriptAssembly.GetManifestResourceStream(name)!;
                using var text = new StreamReader(stream);
                var sql = (await text.ReadToEndAsync(cancellationToken)).Replace("{schema}", database.Schema, StringComparison.Ordinal);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, transaction, sql, cancellationToken);
                await using (var record = connection.CreateCommand())
                {
                    record.Transaction = transaction;
                    record.CommandText = $"INSERT INTO {history} (version, name, applied_at) VALUES ({version}, '{Path.GetFileNameWithoutExtension(name).Split('.')[^1]}', '{DateTimeOffset.UtcNow:O}')";
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (database.Provider == DatabaseProvider.PostgreSQL)
            {
                try
                {
                    await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock(hashtext('mpcwallet-schema:{database.Schema}'))", CancellationToken.None);
                }
                catch (DbException)
                {
                    // A broken connection holds no lock any more; the original failure is the one to report.
                }
            }

            await context.Database.CloseConnectionAsync();
        }
    }

    private static int VersionOf(string resourceName)
    {
        var file = resourceName[(resourceName.LastIndexOf(".V", StringComparison.OrdinalIgnoreCase) + 2)..];
        return int.Parse(file[..file.IndexOf('_', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
