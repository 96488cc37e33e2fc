using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Signing;
using MpcWallet.Transactions.Chains;
using MpcWallet.Transactions.Configuration;

namespace MpcWallet.Transactions.Rpc;

/// <summary>
/// The methods of a wallet's JSON-RPC endpoint: the account methods (<c>eth_accounts</c>, <c>eth_requestAccounts</c>,
/// <c>eth_chainId</c>, <c>net_version</c>), the signing methods (<c>eth_sendTransaction</c>, <c>personal_sign</c>,
/// <c>eth_sign</c>, <c>eth_signTypedData_v4</c>, and <c>eth_signTransaction</c> on wallets that allow raw digests),
/// the refused <c>eth_sendRawTransaction</c>, and the read-only chain methods of
/// <see cref="ChainReads"/>. Anything else is -32601.
/// </summary>
internal sealed class WalletRpc(ChainReads reads, RpcTransactions transactions, RpcSignedTransactions signedTransactions, MessageSignatures signatures, TransactionsOptions options)
{
    /// <summary>
    /// <c>eth_sendRawTransaction</c> is refused so that every transaction of the wallet goes through the service's
    /// nonces. (<c>eth_signTransaction</c> is served only on wallets that allow raw digests: <see cref="RpcSignedTransactions"/>.)
    /// </summary>
    private static readonly Dictionary<string, string> Refused = new(StringComparer.Ordinal)
    {
        ["eth_sendRawTransaction"] = "eth_sendRawTransaction is not supported: send through eth_sendTransaction, so the service keeps the wallet's nonces",
    };

    public async Task<RpcOutcome> InvokeAsync(WalletRpcContext context, JsonRpcRequest request, CancellationToken cancellationToken)
    {
        switch (request.Method)
        {
            case "eth_accounts" or "eth_requestAccounts":
                return NoParams(request) ?? RpcOutcome.Ok(new[] { context.Address.ToChecksumString() });
            case "eth_chainId":
                return NoParams(request) ?? (context.Chain is { } chain ? RpcOutcome.Ok(((UInt256)chain.Id).ToQuantityString()) : NoChain());
            case "net_version":
                return NoParams(request) ?? (context.Chain is { } network ? RpcOutcome.Ok(network.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)) : NoChain());
            case "personal_sign":
                return await SignAsync(context, MessageRequests.PersonalMessage(context, request), "rpc:personal_sign", request, cancellationToken);
            case "eth_sign":
                return await SignAsync(context, MessageRequests.EthSign(context, request), "rpc:eth_sign", request, cancellationToken);
            case "eth_signTypedData_v4":
                return await SignAsync(context, MessageRequests.TypedData(context, request), "rpc:eth_signTypedData_v4", request, cancellationToken);
            case "eth_signTransaction":
                return context.Chain is { } signChain ? await signedTransactions.SignAsync(context, signChain, request, cancellationToken) : NoChain();
            case "eth_sendTransaction":
                return ReadyChain(context) is { } sendChain
                    ? await transactions.SendAsync(context, sendChain, request, request.IsNotification ? TimeSpan.Zero : options.RpcWait, cancellationToken)
                    : Unavailable(context);
        }

        if (Refused.TryGetValue(request.Method, out var reason))
        {
            return RpcOutcome.Fail(JsonRpcError.MethodNotSupported(reason));
        }

        if (!ChainReads.Serves(request.Method))
        {
            return RpcOutcome.Fail(JsonRpcError.MethodNotFound(request.Method));
        }

        return ReadyChain(context) is { } readChain ? await reads.ForwardAsync(context, readChain, request, cancellationToken) : Unavailable(context);
    }

    private async Task<RpcOutcome> SignAsync(WalletRpcContext context, (SigningPreImage? PreImage, JsonRpcError? Error) message, string purpose, JsonRpcRequest request, CancellationToken cancellationToken)
    {
        if (message.PreImage is null)
        {
            return RpcOutcome.Fail(message.Error!);
        }

        var (signature, error) = await signatures.SignAsync(context.Wallet, message.PreImage, purpose, options.RpcWait, cancellationToken);
        return signature is null ? RpcOutcome.Fail(error!) : RpcOutcome.Ok(HexBytes.ToHex(signature));
    }

    private static RpcOutcome? NoParams(JsonRpcRequest request) =>
        request.Count == 0 && !(request.ByName && request.Params.EnumerateObject().Any()) ? null : RpcOutcome.Fail(JsonRpcError.InvalidParams($"{request.Method} takes no params"));

    private static Chain? ReadyChain(WalletRpcContext context) => context.Chain is { State: ChainState.Ready } chain ? chain : null;

    private static RpcOutcome NoChain() => RpcOutcome.Fail(JsonRpcError.ResourceUnavailable("no chain is configured"));

    private static RpcOutcome Unavailable(WalletRpcContext context) =>
        context.Chain is { } chain ? RpcOutcome.Fail(JsonRpcError.ResourceUnavailable($"chain {chain.Id} is not available: {chain.Problem}")) : NoChain();
}
