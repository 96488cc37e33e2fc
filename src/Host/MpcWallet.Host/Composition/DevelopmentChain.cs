using System.Diagnostics;
using System.Net.Sockets;
using MpcWallet.Infrastructure.Hosting;

namespace MpcWallet.Host.Composition;

/// <summary>
/// Single-host dev mode only (<c>DevelopmentChain:StartAnvil</c>): makes sure the first configured chain has a local
/// Anvil node. A node already answering on that loopback port is used as it is; otherwise Anvil (from ./.tools, where
/// scripts/prepare.d/10-anvil.sh installs it, or PATH) is started as a child process whose chain state is dumped
/// into the data directory every second and loaded on the next start, so nonces the transaction service remembers
/// still match the chain after a restart.
/// </summary>
internal sealed partial class DevelopmentChain(IConfiguration configuration, ILogger<DevelopmentChain> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private Process? _anvil;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(configuration["Chains:0:RpcUrl"], UriKind.Absolute, out var rpc) || !rpc.IsLoopback)
        {
            return;
        }

        if (await IsListeningAsync(rpc, cancellationToken))
        {
            LogUsingRunningNode(rpc.Authority);
            return;
        }

        var binary = FindAnvil();
        if (binary is null)
        {
            LogAnvilMissing(rpc.Authority);
            return;
        }

        var stateFile = Path.Combine(DataDirectory.From(configuration), "anvil", "state.json");
        Directory.CreateDirectory(Path.GetDirectoryName(stateFile)!);
        var start = new ProcessStartInfo(binary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
                 {
                     "--host", "127.0.0.1", "--port", rpc.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--chain-id", configuration["Chains:0:ChainId"] ?? "31337",
                     "--state", stateFile, "--state-interval", "1", "--silent",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        _anvil = Process.Start(start) ?? throw new InvalidOperationException($"could not start {binary}");
        _anvil.OutputDataReceived += (_, _) => { };
        _anvil.ErrorDataReceived += (_, e) =>
        {
            if (!string.IsNullOrWhiteSpace(e.Data))
            {
                LogAnvilOutput(e.Data);
            }
        };
        _anvil.BeginOutputReadLine();
        _anvil.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + StartTimeout;
        while (!await IsListeningAsync(rpc, cancellationToken))
        {
            if (_anvil.HasExited || DateTime.UtcNow > deadline)
            {
                LogAnvilFailed(binary, rpc.Authority);
                return;
            }

            await Task.Delay(100, cancellationToken);
        }

        LogAnvilStarted(rpc.Authority, stateFile);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (_anvil is { HasExited: false })
        {
            _anvil.Kill(entireProcessTree: true);
        }

        return Task.CompletedTask;
    }

    public void Dispose() => _anvil?.Dispose();

    private string? FindAnvil()
    {
        if (configuration["DevelopmentChain:AnvilPath"] is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : null;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, ".tools", "bin", "anvil");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "anvil"))
            .FirstOrDefault(File.Exists);
    }

    private static async Task<bool> IsListeningAsync(Uri rpc, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(300));
        try
        {
            await client.ConnectAsync(rpc.Host, rpc.Port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Development chain: using the node already listening on {Address}")]
    private partial void LogUsingRunningNode(string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Development chain: no Anvil binary found and nothing listens on {Address}. Install it with `bash scripts/prepare.d/10-anvil.sh` (into ./.tools) or point Chains__0__RpcUrl at a node; the transaction service keeps asking until a node answers")]
    private partial void LogAnvilMissing(string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Development chain: {Binary} did not start listening on {Address}")]
    private partial void LogAnvilFailed(string binary, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Development chain: Anvil started on {Address} (state kept in {StateFile})")]
    private partial void LogAnvilStarted(string address, string stateFile);

    [LoggerMessage(Level = LogLevel.Debug, Message = "anvil: {Line}")]
    private partial void LogAnvilOutput(string line);
}
