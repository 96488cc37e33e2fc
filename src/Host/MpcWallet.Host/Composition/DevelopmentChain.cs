using MpcWallet.Infrastructure.Development;
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
    private AnvilProcess? _anvil;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(configuration["Chains:0:RpcUrl"], UriKind.Absolute, out var rpc) || !rpc.IsLoopback)
        {
            return;
        }

        if (await AnvilProcess.IsListeningAsync(rpc, cancellationToken))
        {
            LogUsingRunningNode(rpc.Authority);
            return;
        }

        var binary = AnvilProcess.FindBinary(configuration["DevelopmentChain:AnvilPath"]);
        if (binary is null)
        {
            LogAnvilMissing(rpc.Authority);
            return;
        }

        var stateFile = Path.Combine(DataDirectory.From(configuration), "anvil", "state.json");
        Directory.CreateDirectory(Path.GetDirectoryName(stateFile)!);
        var arguments = new AnvilArguments
        {
            Host = "127.0.0.1",
            Port = rpc.Port,
            ChainId = configuration.GetValue<ulong?>("Chains:0:ChainId") ?? 31337,
            StateFile = stateFile,
        };
        _anvil = AnvilProcess.Start(binary, arguments, LogAnvilOutput);
        if (!await _anvil.WaitUntilListeningAsync(StartTimeout, cancellationToken))
        {
            LogAnvilFailed(binary, rpc.Authority);
            return;
        }

        LogAnvilStarted(rpc.Authority, stateFile);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _anvil?.Stop();
        return Task.CompletedTask;
    }

    public void Dispose() => _anvil?.Dispose();

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
