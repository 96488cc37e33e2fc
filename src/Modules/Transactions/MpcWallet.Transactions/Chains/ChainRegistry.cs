using MpcWallet.Ethereum.Rpc;
using MpcWallet.Transactions.Configuration;
using MpcWallet.Transactions.Fees;

namespace MpcWallet.Transactions.Chains;

/// <summary>The chains of <c>Chains:&lt;i&gt;</c>, validated at start-up (duplicate ids, bad URLs or policies stop the host).</summary>
internal sealed class ChainRegistry : IDisposable
{
    private readonly Dictionary<ulong, Chain> _chains = [];
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public ChainRegistry(IReadOnlyList<ChainOptions> chains)
    {
        foreach (var options in chains)
        {
            if (options.ChainId is < 1 or > Ethereum.Transactions.Transaction.MaxChainId)
            {
                throw new InvalidOperationException($"Chains: chain id {options.ChainId} is out of range");
            }

            if (!Uri.TryCreate(options.RpcUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                throw new InvalidOperationException($"Chains: chain {options.ChainId} needs an http(s) RpcUrl");
            }

            if (options.Confirmations < 1 || options.PollInterval <= TimeSpan.Zero || options.StuckAfter <= TimeSpan.Zero || options.CancelAfter <= TimeSpan.Zero || options.FinalityDepth < options.Confirmations)
            {
                throw new InvalidOperationException($"Chains: chain {options.ChainId} needs Confirmations ≥ 1, positive PollInterval, StuckAfter and CancelAfter, FinalityDepth ≥ Confirmations");
            }

            var client = new EthereumRpcClient(_http, url, new EthereumRpcClientOptions { AttemptTimeout = TimeSpan.FromSeconds(10), MaxRetryAttempts = 3 });
            var chain = new Chain(options, FeePolicy.From(options.ChainId, options.FeePolicy), client);
            if (!_chains.TryAdd(options.ChainId, chain))
            {
                throw new InvalidOperationException($"Chains: chain id {options.ChainId} is configured twice");
            }

            First ??= chain;
        }
    }

    public IReadOnlyCollection<Chain> All => _chains.Values;

    /// <summary>The first configured chain (<c>Chains:0</c>): the JSON-RPC endpoint's chain when its URL names none; null when none is configured.</summary>
    public Chain? First { get; }

    public Chain? Find(ulong chainId) => _chains.GetValueOrDefault(chainId);

    public void Dispose() => _http.Dispose();
}
