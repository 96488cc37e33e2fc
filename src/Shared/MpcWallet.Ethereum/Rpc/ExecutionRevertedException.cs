namespace MpcWallet.Ethereum.Rpc;

/// <summary>The EVM reverted (eth_call / eth_estimateGas); <see cref="RevertData"/> holds the returned bytes, if the node sent them.</summary>
public sealed class ExecutionRevertedException : EthereumRpcException
{
    private readonly byte[]? _revertData;

    public ExecutionRevertedException(int code, string message, string? errorData, byte[]? revertData)
        : base(code, message, errorData)
    {
        _revertData = revertData;
    }

    public ExecutionRevertedException()
    {
    }

    public ExecutionRevertedException(string message)
        : base(message)
    {
    }

    public ExecutionRevertedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The revert payload (e.g. an Error(string) or custom-error ABI encoding); null when absent.</summary>
    public ReadOnlyMemory<byte>? RevertData => _revertData;
}
