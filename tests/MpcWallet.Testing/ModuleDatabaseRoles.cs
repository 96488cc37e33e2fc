using System.Security.Cryptography;
using Npgsql;

namespace MpcWallet.Testing;

/// <summary>
/// One database role per module on a shared test database, as docs/security.md asks of deployments: the role logs in
/// (over TLS only: it is a member of <c>mpcwallet_module</c>, which the test server's pg_hba admits on hostssl with a
/// password only), owns its module's schema, which the administrator creates for it, and has no other right — no
/// schema creation, no access to another module's schema, no superuser, database or role creation.
/// </summary>
public static class ModuleDatabaseRoles
{
    /// <summary>The group role the test server's pg_hba.conf restricts to TLS (scripts/prepare.d/30-postgres.sh).</summary>
    public const string TlsOnlyGroup = "mpcwallet_module";

    /// <summary>Creates an empty database nobody but its module roles (and the administrator) may connect to; returns its name.</summary>
    public static async Task<string> CreateSharedDatabaseAsync(string prefix)
    {
        var database = $"{prefix}_{Guid.NewGuid():N}".ToLowerInvariant();
        await ExecuteAsync("postgres", $"CREATE DATABASE \"{database}\"");
        await ExecuteAsync(database, $"REVOKE ALL ON DATABASE \"{database}\" FROM PUBLIC");
        return database;
    }

    /// <summary>
    /// Creates a role owning schema <paramref name="schema"/> of <paramref name="database"/> and returns its connection
    /// string: TLS with the server's certificate and name checked against the test CA.
    /// </summary>
    public static async Task<string> CreateAsync(string database, string schema, int maxPoolSize = 20)
    {
        var role = $"{database}_{schema}";
        if (role.Length > 63)
        {
            role = $"m_{Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(role)))[..40]}";
        }

        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await ExecuteAsync("postgres", $"DO $$ BEGIN CREATE ROLE {TlsOnlyGroup} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        await ExecuteAsync(database,
            $"CREATE ROLE \"{role}\" LOGIN PASSWORD '{password}' NOSUPERUSER NOCREATEDB NOCREATEROLE IN ROLE {TlsOnlyGroup}; " +
            $"GRANT CONNECT ON DATABASE \"{database}\" TO \"{role}\"; " +
            $"CREATE SCHEMA \"{schema}\" AUTHORIZATION \"{role}\"");
        return new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = int.Parse(TestPostgres.Port, System.Globalization.CultureInfo.InvariantCulture),
            Username = role,
            Password = password,
            Database = database,
            SslMode = SslMode.VerifyFull,
            RootCertificate = TestCertificateAuthority.CertificateFile,
            MaxPoolSize = maxPoolSize,
        }.ConnectionString;
    }

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={TestPostgres.Port};Username=postgres;Pooling=false;Database={database}");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
