using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MpcWallet.Testing.Split;
using Npgsql;
using RabbitMQ.Client.Exceptions;

namespace MpcWallet.DeploymentTests;

/// <summary>
/// The split deployment's broker and database links: every process connects over TLS (the servers' certificates from
/// the test CA, checked), each with its own broker user and its module's own database role; a role reaches its own
/// schema only and cannot log in without TLS; cleartext AMQP gets nowhere on the amqps listener.
/// </summary>
[Collection(SplitProcessesCollection.Name)]
public sealed class TransportSecurityTests
{
    private const string InsufficientPrivilege = "42501";

    [Fact]
    public async Task Every_process_links_over_tls_and_each_module_role_reaches_only_its_own_schema()
    {
        await using var cluster = await SplitCluster.StartAsync(new SplitClusterOptions { Name = "split-tls", SeparateTransactions = true });
        using (var api = cluster.Api())
        {
            await api.CreateWalletAsync("split-tls");
        }

        // The broker: every connection of the cluster's virtual host is TLS, one user per process.
        var connections = (await TestRabbitMq.ControlAsync(TestRabbitMq.NodeName, "list_connections", "--no-table-headers", "vhost", "user", "ssl"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Where(columns => columns[0] == cluster.VirtualHost)
            .ToArray();
        Assert.NotEmpty(connections);
        Assert.All(connections, c => Assert.True(c[2] == "true", $"{c[1]} is connected without TLS"));
        var processes = cluster.All.Select(p => cluster.BrokerUserOf(p.Name).User).ToHashSet();
        Assert.Equal(processes, connections.Select(c => c[1]).ToHashSet());

        // The database: every session of the cluster's database is TLS, and logged in as a module's own role.
        var database = new NpgsqlConnectionStringBuilder(cluster.CoordinatorDatabase).Database!;
        string[] roles = [RoleOf(cluster.CoordinatorDatabase), RoleOf(cluster.TransactionsDatabase), .. cluster.NodeDatabases.Values.Select(RoleOf)];
        var sessions = await AdminQueryAsync($"SELECT a.usename, s.ssl FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid) WHERE a.datname = '{database}' AND a.usename <> 'postgres'");
        Assert.NotEmpty(sessions);
        Assert.All(sessions, s => Assert.True(s.Ssl, $"{s.User} is connected without TLS"));
        Assert.Equal(roles.ToHashSet(), sessions.Select(s => s.User).ToHashSet());

        // Each role reads its own tables (the control case) and nothing of another module or node.
        var node1 = cluster.NodeDatabases["node-1"];
        var node1Schema = SplitCluster.NodeSchema("node-1");
        var node2Schema = SplitCluster.NodeSchema("node-2");
        Assert.True(await CountAsync(node1, $"\"{node1Schema}\".key_shares") >= 1);
        await AssertRefusedAsync(node1, "\"coordinator\".wallets");
        await AssertRefusedAsync(node1, "\"transactions\".transactions");
        await AssertRefusedAsync(node1, $"\"{node2Schema}\".key_shares");
        Assert.Equal(1, await CountAsync(cluster.CoordinatorDatabase, "\"coordinator\".wallets"));
        await AssertRefusedAsync(cluster.CoordinatorDatabase, $"\"{node1Schema}\".key_shares");
        await AssertRefusedAsync(cluster.CoordinatorDatabase, "\"transactions\".transactions");
        await AssertRefusedAsync(cluster.TransactionsDatabase, "\"coordinator\".wallets");
        await AssertRefusedAsync(cluster.TransactionsDatabase, $"\"{node1Schema}\".key_shares");

        // Nor can a role make itself room elsewhere.
        var create = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(node1, "CREATE SCHEMA stolen"));
        Assert.Equal(InsufficientPrivilege, create.SqlState);

        // A module role cannot log in without TLS, even with its password.
        var cleartext = new NpgsqlConnectionStringBuilder(node1) { SslMode = SslMode.Disable }.ConnectionString;
        var refused = await Assert.ThrowsAsync<PostgresException>(() => CountAsync(cleartext, $"\"{node1Schema}\".key_shares"));
        Assert.Contains("no encryption", refused.MessageText, StringComparison.Ordinal);

        // Cleartext AMQP to the amqps listener gets no connection; the same user over TLS does (so it is not the login).
        var user = cluster.BrokerUserOf("node-1");
        await Assert.ThrowsAsync<BrokerUnreachableException>(() => BrokerAccess.Factory(cluster.VirtualHost, user, tls: false).CreateConnectionAsync());
        await using (await BrokerAccess.ConnectAsync(cluster.VirtualHost, user))
        {
        }
    }

    [Fact]
    public async Task The_broker_certificate_must_name_the_host_and_chain_to_the_configured_ca()
    {
        var guest = new BrokerUsers.Credentials("guest", "guest");
        await using (await BrokerAccess.Factory("/", guest, tls: true).CreateConnectionAsync())
        {
        }

        // Another name than the certificate's: refused, whatever the chain.
        await Assert.ThrowsAsync<BrokerUnreachableException>(() => BrokerAccess.Factory("/", guest, tls: true, serverName: "broker.mpcwallet.invalid").CreateConnectionAsync());

        // A server issued by another CA than the configured one: refused.
        var otherCa = Path.Combine(Directory.CreateTempSubdirectory("mpcwallet-other-ca-").FullName, "ca.crt");
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            var request = new CertificateRequest("CN=another CA", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            await File.WriteAllTextAsync(otherCa, certificate.ExportCertificatePem());
        }

        await Assert.ThrowsAsync<BrokerUnreachableException>(() => BrokerAccess.Factory("/", guest, tls: true, caCertificateFile: otherCa).CreateConnectionAsync());
    }

    private static string RoleOf(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Username!;

    private static async Task AssertRefusedAsync(string connectionString, string table)
    {
        var refusal = await Assert.ThrowsAsync<PostgresException>(() => CountAsync(connectionString, table));
        Assert.True(refusal.SqlState == InsufficientPrivilege, $"{RoleOf(connectionString)} reading {table}: {refusal.SqlState} {refusal.MessageText}");
    }

    private static async Task<long> CountAsync(string connectionString, string table)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<(string User, bool Ssl)>> AdminQueryAsync(string sql)
    {
        await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={TestPostgres.Port};Username=postgres;Database=postgres;Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, bool)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetBoolean(1)));
        }

        return rows;
    }
}
