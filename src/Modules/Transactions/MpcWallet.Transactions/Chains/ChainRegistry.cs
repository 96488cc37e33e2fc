using MpcWallet.Ethereum.Rpc;
using MpcWallet.Transactions.Configuration;
using MpcWallet.Transactions.Fees;

namespace MpcWallet.Transactions.Chains;

/// <summary>The chains of <c>Chains:&lt;i&gt;</c> (checked when the process starts by <see cref="ChainsOptionsValidation"/>), each with its RPC client.</summary>
internal sealed class ChainRegistry : IDisposable
{
    private readonly Dictionary<ulong, Chain> _chains = [];
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public ChainRegistry(ChainsOptions options)
    {
        foreach (var chain in options.Chains)
        {
            var client = new EthereumRpcClient(_http, new Uri(chain.RpcUrl), new EthereumRpcClientOptions { AttemptTimeout = TimeSpan.FromSeconds(10), MaxRetryAttempts = 3 });
            var configured = new Chain(chain, FeePolicy.From(chain.ChainId, chain.FeePolicy), client);
            _chains.Add(chain.ChainId, configured);
            First ??= configured;
        }
    }

    public IReadOnlyCollection<Chain> All => _chains.Values;

    /// <summary>The first configured chain (<c>Chains:0</c>): the JSON-RPC endpoint's chain when its URL names none; null when none is configured.</summary>
    public Chain? First { get; }

    public Chain? Find(ulong chainId) => _chains.GetValueOrDefault(chainId);

    public void Dispose() => _http.Dispose();
}
