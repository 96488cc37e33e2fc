using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rpc;
using MpcWallet.Transactions.Chains;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Rpc;

/// <summary>
/// The read-only methods passed through to the chain's node, a fixed allow-list (anything else is -32601 before the
/// node is asked), with at most the positional parameters each takes. The node's result or error is answered as the
/// node gave it. One is answered with the service's view: <c>eth_getTransactionCount</c> of the wallet itself at
/// <c>pending</c> is at least the wallet's next service nonce, so a client that fills in the nonce (cast, ethers)
/// gets the one <c>eth_sendTransaction</c> accepts even while earlier transactions are still being signed.
/// </summary>
internal sealed class ChainReads(TransactionsStore store)
{
    private static readonly Dictionary<string, int> Methods = new(StringComparer.Ordinal)
    {
        ["eth_blockNumber"] = 0,
        ["eth_call"] = 3,
        ["eth_estimateGas"] = 3,
        ["eth_feeHistory"] = 3,
        ["eth_gasPrice"] = 0,
        ["eth_maxPriorityFeePerGas"] = 0,
        ["eth_getBalance"] = 2,
        ["eth_getBlockByHash"] = 2,
        ["eth_getBlockByNumber"] = 2,
        ["eth_getCode"] = 2,
        ["eth_getLogs"] = 1,
        ["eth_getStorageAt"] = 3,
        ["eth_getTransactionByHash"] = 1,
        ["eth_getTransactionCount"] = 2,
        ["eth_getTransactionReceipt"] = 1,
        ["eth_syncing"] = 0,
    };

    public static IReadOnlyCollection<string> Allowed => Methods.Keys;

    public static bool Serves(string method) => Methods.ContainsKey(method);

    public async Task<RpcOutcome> ForwardAsync(WalletRpcContext context, Chain chain, JsonRpcRequest request, CancellationToken cancellationToken)
    {
        var most = Methods[request.Method];
        if (request.ByName)
        {
            return RpcOutcome.Fail(JsonRpcError.InvalidParams($"{request.Method} takes positional params (an array)"));
        }

        if (request.Count > most)
        {
            return RpcOutcome.Fail(JsonRpcError.InvalidParams($"{request.Method} takes at most {most} params"));
        }

        var parameters = request.Params.EnumerateArray().Select(p => JsonNode.Parse(p.GetRawText())).ToArray();
        var call = new EthereumRpcCall<JsonElement>(request.Method, parameters, result => result.Clone());
        try
        {
            var result = await chain.Client.SendAsync(call, cancellationToken);
            if (request.Method == "eth_getTransactionCount" && IsOwnPendingCount(context, request))
            {
                result = await WithServiceNonceAsync(context, chain, result, cancellationToken);
            }

            return RpcOutcome.Raw(result);
        }
        catch (EthereumRpcException e)
        {
            return RpcOutcome.Fail(new JsonRpcError(e.Code, e.Message, ErrorData(e.ErrorData)));
        }
        catch (Exception e) when (e is EthereumRpcTransportException or EthereumRpcResponseException)
        {
            return RpcOutcome.Fail(JsonRpcError.ResourceUnavailable($"the node of chain {chain.Id} gave no usable answer: {e.Message}"));
        }
    }

    private static bool IsOwnPendingCount(WalletRpcContext context, JsonRpcRequest request) =>
        request.Param(0) is { ValueKind: JsonValueKind.String } who && EthereumAddress.TryParse(who.GetString(), out var address) && address == context.Address
        && request.Param(1) is { ValueKind: JsonValueKind.String } tag && tag.GetString() == "pending";

    private async Task<JsonElement> WithServiceNonceAsync(WalletRpcContext context, Chain chain, JsonElement chainCount, CancellationToken cancellationToken)
    {
        var chainId = (long)chain.Id;
        var sender = context.Address.ToLowerHex();
        long? next;
        await using (var db = await store.OpenAsync(cancellationToken))
        {
            next = await db.Nonces.AsNoTracking().Where(n => n.ChainId == chainId && n.Sender == sender).Select(n => (long?)n.NextNonce).FirstOrDefaultAsync(cancellationToken);
        }

        return next is { } ours && chainCount.ValueKind == JsonValueKind.String && UInt256.TryParseQuantity(chainCount.GetString(), out var count) && (UInt256)(ulong)ours > count
            ? JsonSerializer.SerializeToElement(((UInt256)(ulong)ours).ToQuantityString())
            : chainCount;
    }

    private static JsonElement? ErrorData(string? raw)
    {
        if (raw is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(raw);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(raw);
        }
    }
}
