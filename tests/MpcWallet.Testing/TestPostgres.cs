using Npgsql;

namespace MpcWallet.Testing;

/// <summary>The test PostgreSQL started by scripts/prepare.d/30-postgres.sh, and fresh databases on it.</summary>
public static class TestPostgres
{
    public static string Port => Environment.GetEnvironmentVariable("MPCWALLET_TEST_POSTGRES_PORT") ?? "5433";

    /// <summary>Creates an empty database and returns a connection string for it.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix = "test", int maxPoolSize = 20)
    {
        var database = $"{prefix}_{Guid.NewGuid():N}".ToLowerInvariant();
        await using (var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={Port};Username=postgres;Pooling=false;Database=postgres"))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Maximum Pool Size={maxPoolSize}";
    }
}
