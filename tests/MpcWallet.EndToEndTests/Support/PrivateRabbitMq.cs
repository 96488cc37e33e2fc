using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MpcWallet.Testing;

namespace MpcWallet.EndToEndTests.Support;

/// <summary>
/// A RabbitMQ node of the test's own (scripts/rabbitmq-instance.sh: own node name, ports, data under a temp
/// directory), so the test can really stop and restart its broker without touching the shared test broker.
/// </summary>
public sealed class PrivateRabbitMq : IAsyncDisposable
{
    private readonly string _directory;
    private bool _running;

    private PrivateRabbitMq(string directory, int port, int? prometheusPort)
    {
        _directory = directory;
        Port = port;
        PrometheusPort = prometheusPort;
    }

    public int Port { get; }

    /// <summary>Where RabbitMQ's own Prometheus exporter (rabbitmq_prometheus) listens, when started with it.</summary>
    public int? PrometheusPort { get; }

    public string NodeName => $"mpcwallet-private-{Port}@localhost";

    /// <summary>Host arguments that put a process on this broker (default virtual host).</summary>
    public string[] HostArguments => TestRabbitMq.HostArguments("/", Port);

    /// <param name="withPrometheus">Also run the rabbitmq_prometheus exporter (on a free loopback port).</param>
    public static async Task<PrivateRabbitMq> StartAsync(bool withPrometheus = false)
    {
        var broker = new PrivateRabbitMq(Directory.CreateTempSubdirectory("mpcwallet-rabbitmq-").FullName, FreePortPair(), withPrometheus ? FreePort() : null);
        await broker.StartAgainAsync();
        return broker;
    }

    /// <summary>Starts the node (again) on the same data directory: durable queues and persistent messages survive.</summary>
    public async Task StartAgainAsync()
    {
        await RunScriptAsync("start");
        _running = true;
    }

    /// <summary>Stops the node: the broker's Erlang VM exits, every connection drops.</summary>
    public async Task StopAsync()
    {
        _running = false;
        await RunScriptAsync("stop");
    }

    public Task<string> ControlAsync(params string[] args) => TestRabbitMq.ControlAsync(NodeName, args);

    public async ValueTask DisposeAsync()
    {
        if (_running)
        {
            await StopAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Files owned by the broker's user may linger; the directory is under the temp root.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private async Task RunScriptAsync(string action)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(ScriptPath());
        start.ArgumentList.Add(action);
        start.ArgumentList.Add(_directory);
        start.ArgumentList.Add(Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (PrometheusPort is { } prometheus)
        {
            start.ArgumentList.Add(prometheus.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmq-instance.sh {action} failed ({process.ExitCode}): {await output} {await error}");
        }
    }

    private static string ScriptPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "scripts", "rabbitmq-instance.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("scripts/rabbitmq-instance.sh not found above the test's directory");
    }

    // AMQP on the port, Erlang distribution on port + 20000: both must be free.
    private static int FreePortPair()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(30000, 45000);
            if (IsFree(port) && IsFree(port + 20000))
            {
                return port;
            }
        }

        throw new InvalidOperationException("no free port pair for a private RabbitMQ");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
