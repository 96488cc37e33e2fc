namespace MpcWallet.Ethereum.Rpc;

/// <summary>
/// Several calls sent as one JSON-RPC batch request. Add calls, run <see cref="EthereumRpcClient.ExecuteBatchAsync"/>,
/// then read each entry's <see cref="EthereumRpcBatchEntry{T}.Value"/> (errors are per call).
/// </summary>
public sealed class EthereumRpcBatch
{
    private readonly List<IEthereumRpcBatchEntry> _entries = [];

    public int Count => _entries.Count;

    internal IReadOnlyList<IEthereumRpcBatchEntry> Entries => _entries;

    internal bool Executed { get; set; }

    public EthereumRpcBatchEntry<T> Add<T>(EthereumRpcCall<T> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (Executed)
        {
            throw new InvalidOperationException("The batch has already been executed.");
        }

        var entry = new EthereumRpcBatchEntry<T>(call);
        _entries.Add(entry);
        return entry;
    }
}
