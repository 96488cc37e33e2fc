using MpcWallet.Ethereum.Rpc;
using MpcWallet.Transactions.Configuration;
using MpcWallet.Transactions.Fees;

namespace MpcWallet.Transactions.Chains;

/// <summary>A configured chain: its options, fee policy, RPC client, and whether its node proved to be that chain.</summary>
internal sealed class Chain(ChainOptions options, FeePolicy feePolicy, EthereumRpcClient client)
{
    private volatile string? _problem = "not verified yet";
    private ulong _head;

    public ulong Id => Options.ChainId;

    public ChainOptions Options { get; } = options;

    public FeePolicy FeePolicy { get; } = feePolicy;

    public EthereumRpcClient Client { get; } = client;

    /// <summary>The node's address for logs and problems: scheme, host and port only (paths and queries often carry API keys).</summary>
    public string NodeAddress { get; } = Uri.TryCreate(options.RpcUrl, UriKind.Absolute, out var url) ? $"{url.Scheme}://{url.Host}:{url.Port}" : "(invalid url)";

    public ChainState State { get; private set; } = ChainState.Unverified;

    /// <summary>The newest block number the chain poller saw (0 before its first poll).</summary>
    public ulong Head
    {
        get => Interlocked.Read(ref _head);
        set => Interlocked.Exchange(ref _head, value);
    }

    /// <summary>Why the chain is not usable (null when ready).</summary>
    public string? Problem => _problem;

    public void MarkReady()
    {
        State = ChainState.Ready;
        _problem = null;
    }

    public void MarkRefused(string reason)
    {
        State = ChainState.Refused;
        _problem = reason;
    }

    public void MarkUnreachable(string reason)
    {
        if (State != ChainState.Refused)
        {
            _problem = reason;
        }
    }
}
