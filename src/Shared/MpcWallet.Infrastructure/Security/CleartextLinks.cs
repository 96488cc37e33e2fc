using Microsoft.Extensions.Configuration;
using MpcWallet.Infrastructure.Messaging;
using MpcWallet.Infrastructure.Modules;
using MpcWallet.Infrastructure.Persistence;
using Npgsql;

namespace MpcWallet.Infrastructure.Security;

/// <summary>
/// The links of a process that would travel in cleartext (or with a server nobody checks), as its configuration
/// describes them. A split-deployment process refuses to start with any (<see cref="TransportSecurity"/>);
/// each kind of link is one check in <see cref="Checks"/>, which names the setting to change.
/// </summary>
public static class CleartextLinks
{
    /// <summary>One kind of link: the description of each configured link of that kind that is not protected.</summary>
    public delegate IEnumerable<string> Check(ModuleContext process);

    public static readonly IReadOnlyList<Check> Checks =
    [
        Broker,
        Databases,
        NodeControlClients,
        ServedEndpoints,
    ];

    /// <summary>Every unprotected link of the process, each named with the setting that configures it.</summary>
    public static IReadOnlyList<string> Of(ModuleContext process) => [.. Checks.SelectMany(check => check(process))];

    private static IEnumerable<string> Broker(ModuleContext process)
    {
        var broker = process.Configuration.GetSection(BrokerOptions.Section).Get<BrokerOptions>() ?? new BrokerOptions();
        if (broker.Transport == BrokerTransport.RabbitMQ && !broker.RabbitMQ.UseTls)
        {
            yield return $"the broker link {broker.RabbitMQ} is cleartext (set Broker:RabbitMQ:UseTls=true, the amqps port and Broker:RabbitMQ:CaCertificateFile)";
        }
    }

    private static IEnumerable<string> Databases(ModuleContext process)
    {
        var database = process.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (database.Provider != DatabaseProvider.PostgreSQL)
        {
            yield break;
        }

        // Every configured connection string, used by this process's modules or not: a cleartext one is a mistake either way.
        foreach (var connection in process.Configuration.GetSection("ConnectionStrings").GetChildren().Where(c => !string.IsNullOrWhiteSpace(c.Value)))
        {
            if (Unverified(connection.Value!) is { } problem)
            {
                yield return $"the database link ConnectionStrings:{connection.Key} {problem} (set SSL Mode=VerifyFull;Root Certificate=<CA file>)";
            }
        }
    }

    // The coordinator's links to the nodes: an http:// NodeControl endpoint is h2c.
    private static IEnumerable<string> NodeControlClients(ModuleContext process)
    {
        if (!process.Runs("coordinator"))
        {
            yield break;
        }

        foreach (var node in process.Configuration.GetSection("Cluster:Nodes").GetChildren())
        {
            var endpoint = node["GrpcEndpoint"];
            if (!string.IsNullOrWhiteSpace(endpoint) && !IsHttps(endpoint))
            {
                yield return $"the NodeControl link Cluster:Nodes:{node.Key}:GrpcEndpoint={Bounded(endpoint)} is cleartext (use https:// and pin the node's certificate in the manifest)";
            }
        }
    }

    // What the process serves on its configured addresses: NodeControl for a node-only process, REST otherwise.
    // Only configured addresses are checked, and a loopback listener is no network link (nobody off the host reaches
    // it: e.g. REST behind a TLS-terminating proxy on the same host); Kestrel's unconfigured default is loopback.
    private static IEnumerable<string> ServedEndpoints(ModuleContext process)
    {
        var what = process.RunsAlone("node") ? "NodeControl" : "REST";
        var urls = (process.Configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(url => ("urls", url));
        var endpoints = process.Configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Where(e => !string.IsNullOrWhiteSpace(e["Url"]))
            .Select(e => ($"Kestrel:Endpoints:{e.Key}:Url", e["Url"]!));
        foreach (var (setting, url) in urls.Concat(endpoints))
        {
            if (!IsHttps(url) && !IsLoopback(url))
            {
                yield return $"the {what} endpoint {setting}={Bounded(url)} is cleartext (serve https:// with Kestrel:Certificates:Default:Path and KeyPath)";
            }
        }
    }

    private static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.IsLoopback || (System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address)));

    private static bool IsHttps(string url) => url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    // Configuration values end up in a start error: keep them short.
    private static string Bounded(string value) => value.Length <= 100 ? value : value[..100] + "…";

    private static string? Unverified(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            return "cannot be read";
        }

        var where = $"(Host={builder.Host};Port={builder.Port})";
        return builder.SslMode switch
        {
            SslMode.VerifyFull => null,
            SslMode.Disable or SslMode.Allow or SslMode.Prefer => $"{where} is cleartext or may fall back to it (SSL Mode={builder.SslMode})",
            _ => $"{where} does not check the server's certificate and name (SSL Mode={builder.SslMode})",
        };
    }
}
