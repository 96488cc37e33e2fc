using System.Diagnostics;
using System.Net;

namespace MpcWallet.Testing.Processes;

/// <summary>
/// One MpcWallet host as a real operating-system process (<c>dotnet MpcWallet.Host.dll args…</c>): output to a log
/// file, ready when <c>/health/ready</c> answers, killed with SIGKILL (no shutdown code runs), restarted with the same
/// arguments and data directory. Failures carry the tail of its log.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private readonly object _logLock = new();
    private Process? _process;
    private StreamWriter? _log;
    private int _starts;

    /// <param name="environment">Environment variables (secrets go here, as in a deployment: never on the command line or in the log).</param>
    /// <param name="tls">How to reach it over https (its CA, and the client certificate a node requires).</param>
    public HostProcess(string name, Uri address, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string dataDirectory, string logDirectory, bool http2Only = false, HostTls? tls = null)
    {
        Name = name;
        Address = address;
        Arguments = arguments;
        Environment = environment;
        DataDirectory = dataDirectory;
        LogPath = Path.Combine(logDirectory, name + ".log");
        Http2Only = http2Only;
        Tls = tls;
    }

    public string Name { get; }

    /// <summary>Its <c>--urls</c> address (fixed: the same after a restart).</summary>
    public Uri Address { get; }

    public IReadOnlyList<string> Arguments { get; }

    public IReadOnlyDictionary<string, string> Environment { get; }

    public string DataDirectory { get; }

    public string LogPath { get; }

    /// <summary>A node-only process serves NodeControl on its own server, which then speaks HTTP/2 only (h2c prior knowledge).</summary>
    public bool Http2Only { get; }

    /// <summary>How its https address is reached, or null for cleartext.</summary>
    public HostTls? Tls { get; }

    public bool IsRunning => _process is { HasExited: false };

    public int? ProcessId => IsRunning ? _process!.Id : null;

    /// <summary>Starts the process and waits until it is ready.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Name} is already running");
        }

        Directory.CreateDirectory(DataDirectory);
        _starts++;
        _log?.Dispose();
        _log = new StreamWriter(new FileStream(LogPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        WriteLog($"==== start #{_starts} at {DateTimeOffset.UtcNow:O}: dotnet MpcWallet.Host.dll {string.Join(' ', Arguments)} (environment: {string.Join(", ", Environment.Keys)})");

        var start = HostStart(Arguments);

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => WriteLog(e.Data);
        process.ErrorDataReceived += (_, e) => WriteLog(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitUntilReadyAsync(cancellationToken);
    }

    /// <summary>SIGKILL to the whole process tree: no graceful shutdown, exactly like a crash.</summary>
    public async Task KillAsync()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        WriteLog($"==== killed (SIGKILL) at {DateTimeOffset.UtcNow:O}");
        _process.Dispose();
        _process = null;
    }

    /// <summary>Starts it again with the same arguments and data directory (kills it first if it still runs).</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await KillAsync();
        await StartAsync(cancellationToken);
    }

    /// <summary>
    /// Runs a host subcommand with this process's arguments and environment (e.g. <c>trust node-identity</c>: the
    /// process's own settings say which store and key to open) and returns its standard output; a non-zero exit throws
    /// with its standard error.
    /// </summary>
    public async Task<string> RunCommandAsync(IReadOnlyList<string> command, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(DataDirectory);
        var start = HostStart(command.Concat(Arguments));

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Name}: could not start {string.Join(' ', command)}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadyTimeout);
        await process.WaitForExitAsync(timeout.Token);
        WriteLog($"==== {string.Join(' ', command)} exited with {process.ExitCode}: {await error}");
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"{Name}: {string.Join(' ', command)} exited with code {process.ExitCode}: {await error}{await output}");
    }

    /// <summary>An HTTP client for this process (HTTP/2 prior knowledge when the process speaks HTTP/2 only; over https with <see cref="Tls"/>).</summary>
    public HttpClient Client(string? apiKey = null)
    {
        var client = Tls is null
            ? new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(100) }
            : new HttpClient(Tls.Handler()) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(100) };
        if (Http2Only)
        {
            client.DefaultRequestVersion = HttpVersion.Version20;
            client.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }

        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    /// <summary>The last lines of its log (for failure messages).</summary>
    public string LogTail(int lines = 60)
    {
        lock (_logLock)
        {
            _log?.Flush();
        }

        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return $"---- {Name} ({LogPath}), last {lines} lines ----\n" + string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException e)
        {
            return $"---- {Name}: log unreadable ({e.Message}) ----";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        lock (_logLock)
        {
            _log?.Dispose();
            _log = null;
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var client = Client();
        client.Timeout = TimeSpan.FromSeconds(5);
        var last = "no answer yet";
        await Eventually.TrueAsync(
            async () =>
            {
                if (_process is not { HasExited: false })
                {
                    // HasExited can be true before the redirected output is drained; WaitForExitAsync waits for both
                    // streams to reach end of file, so the log tail holds the process's last words.
                    if (_process is not null)
                    {
                        await _process.WaitForExitAsync(cancellationToken);
                    }

                    throw new InvalidOperationException($"{Name} exited with code {_process?.ExitCode} before it was ready\n{LogTail()}");
                }

                try
                {
                    using var response = await client.GetAsync("/health/ready", cancellationToken);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return true;
                    }

                    last = $"/health/ready answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}";
                }
                catch (HttpRequestException e)
                {
                    last = e.Message;
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    last = "/health/ready timed out";
                }

                return false;
            },
            ReadyTimeout,
            () => $"{Name} is ready ({last})\n{LogTail()}",
            cancellationToken);
    }

    private void WriteLog(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logLock)
        {
            _log?.WriteLine(line);
        }
    }

    /// <summary>dotnet MpcWallet.Host.dll with <paramref name="arguments"/> in the data directory, with this process's environment.</summary>
    private ProcessStartInfo HostStart(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = DataDirectory,
        };
        start.ArgumentList.Add(RepositoryFiles.HostDll());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The child must not inherit the test runner's environment choice or its console colouring.
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["Logging__Console__DisableColors"] = "true";
        foreach (var (name, value) in Environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }
}
