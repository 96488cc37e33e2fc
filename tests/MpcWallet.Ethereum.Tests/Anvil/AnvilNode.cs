using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MpcWallet.Ethereum.Rpc;

namespace MpcWallet.Ethereum.Tests.Anvil;

/// <summary>
/// A local Anvil process on a free 127.0.0.1 port, started from ./.tools/bin/anvil (installed by
/// scripts/prepare.d/10-anvil.sh) and killed on dispose.
/// </summary>
internal sealed class AnvilNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly HttpClient _http;

    private AnvilNode(Process process, StringBuilder output, Uri endpoint)
    {
        _process = process;
        _output = output;
        Endpoint = endpoint;
        _http = new HttpClient();
        Client = new EthereumRpcClient(_http, endpoint, new EthereumRpcClientOptions { AttemptTimeout = TimeSpan.FromSeconds(10), MaxRetryAttempts = 1 });
    }

    public Uri Endpoint { get; }

    public EthereumRpcClient Client { get; }

    public static string BinaryPath()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MpcWallet.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new InvalidOperationException("Cannot find the repository root (MpcWallet.sln) above " + AppContext.BaseDirectory);
        }

        var anvil = Path.Combine(directory.FullName, ".tools", "bin", "anvil");
        return File.Exists(anvil)
            ? anvil
            : throw new InvalidOperationException(
                $"Anvil is not installed at {anvil}. Run `bash scripts/prepare-test-env.sh` (scripts/prepare.d/10-anvil.sh installs Anvil and cast from npm into ./.tools).");
    }

    public static async Task<AnvilNode> StartAsync(params string[] extraArguments)
    {
        var binary = BinaryPath();
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var port = FreeLoopbackPort();
            var start = new ProcessStartInfo(binary)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            // Chain id 31337 unless the caller names another (Anvil refuses the option twice).
            var chainId = extraArguments.Contains("--chain-id") ? [] : new[] { "--chain-id", "31337" };
            foreach (var argument in new[] { "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Concat(chainId).Concat(extraArguments))
            {
                start.ArgumentList.Add(argument);
            }

            var output = new StringBuilder();
            var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => Append(output, e.Data);
            process.ErrorDataReceived += (_, e) => Append(output, e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            var node = new AnvilNode(process, output, new Uri($"http://127.0.0.1:{port}/"));
            try
            {
                await node.WaitUntilReadyAsync();
                return node;
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                last = e;
                await node.DisposeAsync();
            }
        }

        throw new InvalidOperationException("Anvil did not start: " + last?.Message, last);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
        _http.Dispose();
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var probeClient = new EthereumRpcClient(probe, Endpoint, new EthereumRpcClientOptions { MaxRetryAttempts = 0, AttemptTimeout = TimeSpan.FromSeconds(2) });
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Anvil exited with code {_process.ExitCode}: {Output()}");
            }

            try
            {
                await probeClient.GetChainIdAsync();
                return;
            }
            catch (EthereumRpcTransportException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException("Anvil did not answer within 30 s: " + Output());
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            if (output.Length < 64 * 1024)
            {
                output.AppendLine(line);
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
