using System.Diagnostics;

namespace MpcWallet.Testing;

/// <summary>
/// The test broker started by scripts/prepare.d/20-rabbitmq.sh, and private virtual hosts on it: every test cluster
/// gets its own, so clusters never see each other's exchanges, queues or heartbeats and can run side by side.
/// </summary>
public static class TestRabbitMq
{
    public static string NodeName => Environment.GetEnvironmentVariable("MPCWALLET_TEST_RABBITMQ_NODE") ?? "mpcwallet-test@localhost";

    public static int Port => int.Parse(Environment.GetEnvironmentVariable("MPCWALLET_TEST_RABBITMQ_PORT") ?? "5673", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The broker's amqps listener (TLS with the test CA's certificate, scripts/prepare.d/20-rabbitmq.sh).</summary>
    public static int TlsPort => int.Parse(Environment.GetEnvironmentVariable("MPCWALLET_TEST_RABBITMQ_TLS_PORT") ?? "5674", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Creates a fresh virtual host (guest has full rights on it) and returns its name.</summary>
    public static async Task<string> CreateVirtualHostAsync(string prefix = "test")
    {
        var name = $"{prefix}-{Guid.NewGuid():N}";
        await ControlAsync(NodeName, "add_vhost", name);
        await ControlAsync(NodeName, "set_permissions", "-p", name, "guest", ".*", ".*", ".*");
        return name;
    }

    /// <summary>Host arguments that put a process on the test broker, in <paramref name="virtualHost"/>.</summary>
    public static string[] HostArguments(string virtualHost, int? port = null) =>
    [
        "--Broker:Transport", "RabbitMQ",
        "--Broker:RabbitMQ:Host", "127.0.0.1",
        "--Broker:RabbitMQ:Port", (port ?? Port).ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--Broker:RabbitMQ:VirtualHost", virtualHost,
    ];

    /// <summary>Host arguments that put a process on the test broker over TLS (amqps, the broker's certificate checked against the test CA).</summary>
    public static string[] TlsHostArguments(string virtualHost) =>
    [
        .. HostArguments(virtualHost, TlsPort),
        "--Broker:RabbitMQ:UseTls", "true",
        "--Broker:RabbitMQ:CaCertificateFile", TestCertificateAuthority.CertificateFile,
    ];

    /// <summary>Runs <c>rabbitmqctl -n node args…</c> and returns its standard output; throws with its output on failure.</summary>
    public static async Task<string> ControlAsync(string node, params string[] args)
    {
        var start = new ProcessStartInfo("rabbitmqctl") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-q");
        start.ArgumentList.Add("-n");
        start.ArgumentList.Add(node);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ERL_EPMD_ADDRESS"] = "127.0.0.1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("rabbitmqctl did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', args)} failed ({process.ExitCode}): {await output} {await error}");
        }

        return await output;
    }
}
