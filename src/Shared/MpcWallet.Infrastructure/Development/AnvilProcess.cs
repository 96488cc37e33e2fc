using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace MpcWallet.Infrastructure.Development;

/// <summary>
/// A local Anvil node run as a child process: the one launcher behind the host's single-host dev chain and the test
/// suites' private chains. It finds the binary, starts it with <see cref="AnvilArguments"/>, keeps the tail of its
/// output for error messages, tells when it listens, and kills it (with its children) when stopped.
/// </summary>
public sealed class AnvilProcess : IAsyncDisposable, IDisposable
{
    private const int OutputLimit = 64 * 1024;
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Action<string>? _onOutput;

    private AnvilProcess(Process process, AnvilArguments arguments, Action<string>? onOutput)
    {
        _process = process;
        Arguments = arguments;
        _onOutput = onOutput;
    }

    public AnvilArguments Arguments { get; }

    public Uri Endpoint => Arguments.Endpoint;

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// The Anvil binary: <paramref name="configuredPath"/> when given (null if it does not exist), else
    /// <c>.tools/bin/anvil</c> in the working directory, the application directory or one of their parents (where
    /// scripts/prepare.d/10-anvil.sh installs it), else the first <c>anvil</c> on PATH; null when there is none.
    /// </summary>
    public static string? FindBinary(string? configuredPath = null)
    {
        if (!string.IsNullOrEmpty(configuredPath))
        {
            return File.Exists(configuredPath) ? configuredPath : null;
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

    /// <summary>Starts <paramref name="binary"/>; every line it writes goes to <paramref name="onOutput"/> as well as to <see cref="RecentOutput"/>.</summary>
    public static AnvilProcess Start(string binary, AnvilArguments arguments, Action<string>? onOutput = null)
    {
        var start = new ProcessStartInfo(binary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments.ToArgumentList())
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var anvil = new AnvilProcess(process, arguments, onOutput);
        process.OutputDataReceived += (_, e) => anvil.Append(e.Data);
        process.ErrorDataReceived += (_, e) => anvil.Append(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"could not start {binary}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return anvil;
    }

    /// <summary>Whether something accepts TCP connections at <paramref name="endpoint"/> (within 300 ms).</summary>
    public static async Task<bool> IsListeningAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(300));
        try
        {
            await client.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>True once the node listens; false if it exited first or did not listen within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitUntilListeningAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!_process.HasExited)
        {
            if (await IsListeningAsync(Endpoint, cancellationToken))
            {
                // Another process may hold the port: Anvil then exits at once ("address in use").
                return !_process.HasExited;
            }

            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(100, cancellationToken);
        }

        return false;
    }

    /// <summary>The last lines Anvil wrote (up to 64 KiB), for error messages.</summary>
    public string RecentOutput()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    /// <summary>Kills the node and its children; nothing happens if it already exited.</summary>
    public void Stop()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    public async ValueTask DisposeAsync()
    {
        Stop();
        try
        {
            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // never started
        }

        _process.Dispose();
    }

    public void Dispose()
    {
        Stop();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length > OutputLimit)
            {
                _output.Remove(0, _output.Length - (OutputLimit / 2));
            }

            _output.AppendLine(line);
        }

        _onOutput?.Invoke(line);
    }
}
