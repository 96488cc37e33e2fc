using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MpcWallet.Host.Composition;
using MpcWallet.Infrastructure.Modules;
using MpcWallet.Infrastructure.Security;
using MpcWallet.Infrastructure.Trust;

namespace MpcWallet.EndToEndTests.Trust;

/// <summary>
/// A split-deployment process (one not running coordinator and nodes together) refuses to start with a cleartext
/// broker, database, NodeControl or REST link, naming each, unless Security:AllowCleartext=true; single-host development mode is not
/// affected and says what its links are. The hosts are built, never started: the gate runs with the options
/// validation, before anything connects.
/// </summary>
public sealed class CleartextGateTests
{
    private const string CleartextDatabase = "Host=127.0.0.1;Port=5433;Username=postgres;Password=database-secret;Database=gate";

    private static string[] CleartextBroker => ["--Broker:Transport", "RabbitMQ", "--Broker:RabbitMQ:Host", "127.0.0.1", "--Broker:RabbitMQ:Port", "5673", "--Broker:RabbitMQ:Password", "broker-secret"];

    private static string[] TlsBroker => [
        "--Broker:Transport", "RabbitMQ", "--Broker:RabbitMQ:Host", "127.0.0.1", "--Broker:RabbitMQ:Port", "5674",
        "--Broker:RabbitMQ:UseTls", "true", "--Broker:RabbitMQ:CaCertificateFile", TestCertificateAuthority.CertificateFile,
    ];

    private static string TlsDatabase => $"Host=127.0.0.1;Port=5433;Username=node;Database=gate;SSL Mode=VerifyFull;Root Certificate={TestCertificateAuthority.CertificateFile}";

    private static string[] Node(string database) =>
        ["--Profile", "node", "--node-id", "node-1", "--Node:KeyEncryptionKeys:node-1", Convert.ToBase64String(new byte[32]), "--ConnectionStrings:Node", database];

    [Fact]
    public void A_split_process_with_cleartext_links_refuses_to_start_naming_each()
    {
        var refusal = Assert.Throws<InvalidOperationException>(() => Build([.. Node(CleartextDatabase), .. CleartextBroker]));

        Assert.Contains("refuses cleartext links", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("the broker link amqp://guest@127.0.0.1:5673/", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("the database link ConnectionStrings:Node (Host=127.0.0.1;Port=5433) is cleartext", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("Security:AllowCleartext=true", refusal.Message, StringComparison.Ordinal);

        // The links are named, their secrets never.
        Assert.DoesNotContain("database-secret", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("broker-secret", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tls_without_a_checked_server_is_refused_too_and_each_link_is_judged_on_its_own()
    {
        // Encrypted but unauthenticated (anyone in the middle can answer): not enough.
        var refusal = Assert.Throws<InvalidOperationException>(() => Build([.. Node(CleartextDatabase + ";SSL Mode=Require"), .. TlsBroker]));
        Assert.Contains("ConnectionStrings:Node (Host=127.0.0.1;Port=5433) does not check the server's certificate and name (SSL Mode=Require)", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("the broker link", refusal.Message, StringComparison.Ordinal);

        refusal = Assert.Throws<InvalidOperationException>(() => Build([.. Node(TlsDatabase), .. CleartextBroker]));
        Assert.Contains("the broker link amqp://", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("the database link", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_split_process_with_every_link_over_checked_tls_starts_and_says_so()
    {
        await using var app = Build([.. Node(TlsDatabase), .. TlsBroker]);

        var transport = app.Services.GetRequiredService<TransportSecurity>();
        Assert.True(transport.SplitMode);
        Assert.Empty(transport.Cleartext);
        Assert.False(transport.Weakened);
        Assert.Contains("uses TLS", transport.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Security_AllowCleartext_lets_a_split_process_start_and_its_banner_names_the_links()
    {
        await using var app = Build([.. Node(CleartextDatabase), .. CleartextBroker, "--Security:AllowCleartext", "true"]);

        var transport = app.Services.GetRequiredService<TransportSecurity>();
        Assert.True(transport.Weakened);
        Assert.Equal(2, transport.Cleartext.Count);
        Assert.Contains("development only", transport.Description, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:Node", transport.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Single_host_development_mode_keeps_its_loopback_cleartext_links_and_says_so()
    {
        await using var app = Build([
            "--modules", "coordinator,node,transactions", "--Node:CreateDevelopmentKeys", "true",
            "--Database:Provider", "PostgreSQL", "--ConnectionStrings:Default", CleartextDatabase, .. CleartextBroker,
        ]);

        var transport = app.Services.GetRequiredService<TransportSecurity>();
        Assert.False(transport.SplitMode);
        Assert.Null(transport.Failure);
        Assert.Contains("single-host development mode", transport.Description, StringComparison.Ordinal);
        Assert.Contains("cleartext", transport.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broker_ca_file_that_does_not_exist_is_refused()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-ca-{Guid.NewGuid():N}.crt");
        string[] broker = [.. TlsBroker[..^1], missing];
        var refusal = Assert.Throws<InvalidOperationException>(() => Build([.. Node(TlsDatabase), .. broker]));
        Assert.Contains($"Broker:RabbitMQ:CaCertificateFile '{missing}' does not exist", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cleartext_nodecontrol_and_rest_endpoints_are_links_too()
    {
        // A node-only process serves NodeControl on its --urls: http:// there is h2c.
        var refusal = Assert.Throws<InvalidOperationException>(() => Build([.. Node(TlsDatabase), .. TlsBroker, "--urls", "http://0.0.0.0:7001;http://127.0.0.1:7002"]));
        Assert.Contains("the NodeControl endpoint urls=http://0.0.0.0:7001 is cleartext", refusal.Message, StringComparison.Ordinal);

        // A loopback listener is reachable from this host only (a TLS-terminating proxy beside it): not a link.
        Assert.DoesNotContain("7002", refusal.Message, StringComparison.Ordinal);

        // A coordinator's links to the nodes, and the REST endpoints it serves.
        var coordinator = new ModuleContext(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Cluster:Nodes:0:Id"] = "node-1",
                ["Cluster:Nodes:0:GrpcEndpoint"] = "https://10.0.0.1:7001",
                ["Cluster:Nodes:1:Id"] = "node-2",
                ["Cluster:Nodes:1:GrpcEndpoint"] = "http://10.0.0.2:7001",
                ["Kestrel:Endpoints:Api:Url"] = "http://0.0.0.0:8080",
                ["urls"] = "https://0.0.0.0:8443;http://localhost:8080;http://[::1]:8080",
            }).Build(),
            ["coordinator"]);
        Assert.Equal(
            [
                "the NodeControl link Cluster:Nodes:1:GrpcEndpoint=http://10.0.0.2:7001 is cleartext (use https:// and pin the node's certificate in the manifest)",
                "the REST endpoint Kestrel:Endpoints:Api:Url=http://0.0.0.0:8080 is cleartext (serve https:// with Kestrel:Certificates:Default:Path and KeyPath)",
            ],
            CleartextLinks.Of(coordinator));
    }

    // The process's own arguments come last, so they win. Split processes need a signed manifest to start; the gate is what is tested here, so trust is the enrollment placeholder.
    private static WebApplication Build(string[] process) =>
        MpcWalletHost.Build(
            ["--environment", "Production", "--urls", "https://127.0.0.1:0", "--data-dir", Directory.CreateTempSubdirectory("mpcwallet-gate-").FullName, .. process],
            services =>
            {
                services.RemoveAll<ClusterTrust>();
                services.AddSingleton(ClusterTrust.ForEnrollment());
            });
}
