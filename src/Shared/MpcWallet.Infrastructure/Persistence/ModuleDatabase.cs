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
    /// SQLite file <c>&lt;data dir&gt;/&lt;directory&gt;/&lt;connectionName lowercased&gt;.db</c>. The connection string was
    /// checked when the process started (<see cref="PersistenceServiceCollectionExtensions.AddModuleDatabase"/>).
    /// </summary>
    public static ModuleDatabase Resolve(DatabaseOptions options, IConfiguration configuration, string connectionName, string schema, string directory)
    {
        if (options.Provider == DatabaseProvider.PostgreSQL)
        {
            var connection = ConnectionStringOf(configuration, connectionName)
                ?? throw new InvalidOperationException(MissingConnectionString(connectionName));
            return new ModuleDatabase(DatabaseProvider.PostgreSQL, connection, schema);
        }

        var path = Path.Combine(DataDirectory.From(configuration), directory);
        Directory.CreateDirectory(path);
        var file = Path.Combine(path, connectionName.ToLowerInvariant() + ".db");
        return new ModuleDatabase(DatabaseProvider.Sqlite, $"Data Source={file}", schema);
    }

    /// <summary><c>ConnectionStrings:&lt;connectionName&gt;</c>, else <c>ConnectionStrings:Default</c>, else null.</summary>
    public static string? ConnectionStringOf(IConfiguration configuration, string connectionName) =>
        // Empty counts as unset: appsettings.json lists the names with "" so they show up, and Default must still apply.
        new[] { configuration.GetConnectionString(connectionName), configuration.GetConnectionString("Default") }.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c));

    public static string MissingConnectionString(string connectionName) =>
        $"Database:Provider=PostgreSQL needs ConnectionStrings:{connectionName} (or ConnectionStrings:Default)";

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
