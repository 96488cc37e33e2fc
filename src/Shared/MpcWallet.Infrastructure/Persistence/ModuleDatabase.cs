using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using MpcWallet.Infrastructure.Hosting;

namespace MpcWallet.Infrastructure.Persistence;

/// <summary>
/// Where one store of a module lives: a SQLite file under the data directory, or a schema in PostgreSQL, so every
/// store (each module, each node) is separate under either provider.
/// </summary>
public sealed record ModuleDatabase(DatabaseProvider Provider, string ConnectionString, string Schema)
{
    /// <summary>
    /// Resolves a store: PostgreSQL schema <paramref name="schema"/> in <c>ConnectionStrings:&lt;connectionName&gt;</c>, or the
    /// SQLite file <c>&lt;data dir&gt;/&lt;directory&gt;/&lt;connectionName lowercased&gt;.db</c>.
    /// </summary>
    public static ModuleDatabase Resolve(IConfiguration configuration, string connectionName, string schema, string directory)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.Provider == DatabaseProvider.PostgreSQL)
        {
            // Empty counts as unset: appsettings.json lists the names with "" so they show up, and Default must still apply.
            var connection = new[] { configuration.GetConnectionString(connectionName), configuration.GetConnectionString("Default") }.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c))
                ?? throw new InvalidOperationException($"Database:Provider=PostgreSQL needs ConnectionStrings:{connectionName} (or ConnectionStrings:Default)");
            return new ModuleDatabase(DatabaseProvider.PostgreSQL, connection, schema);
        }

        var path = Path.Combine(DataDirectory.From(configuration), directory);
        Directory.CreateDirectory(path);
        var file = Path.Combine(path, connectionName.ToLowerInvariant() + ".db");
        return new ModuleDatabase(DatabaseProvider.Sqlite, $"Data Source={file}", schema);
    }

    /// <summary>Configures EF Core for this store; the schema is part of the model cache key.</summary>
    public void Configure(DbContextOptionsBuilder builder)
    {
        if (Provider == DatabaseProvider.PostgreSQL)
        {
            builder.UseNpgsql(ConnectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_history", Schema));
        }
        else
        {
            builder.UseSqlite(ConnectionString);
            builder.AddInterceptors(SqliteConnectionSetup.Instance);
        }

        builder.ReplaceService<IModelCacheKeyFactory, SchemaModelCacheKeyFactory>();
    }

    /// <summary>The EF default schema: PostgreSQL only (SQLite has none; the file is the boundary).</summary>
    public string? DefaultSchema => Provider == DatabaseProvider.PostgreSQL ? Schema : null;
}
