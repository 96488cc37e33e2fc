using System.Security.Cryptography;
using System.Text;
using MpcWallet.Infrastructure.Http;
using MpcWallet.Transactions.Api;
using MpcWallet.Transactions.Chains;
using MpcWallet.Transactions.Lifecycle;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Rpc;

/// <summary>
/// <c>eth_sendTransaction</c>: the transaction goes through the same intake as <c>POST /v1/wallets/{id}/transactions</c>
/// (checks, simulation, nonce, audit, signing, broadcast, tracking), then the caller waits until it is broadcast —
/// the hash then exists and the node knows it, so the client's next <c>eth_getTransactionByHash</c> or receipt poll
/// finds it — at most <paramref name="wait"/> (<c>Transactions:RpcWait</c>). A transaction still unsigned by then
/// is answered -32002 with its id (it goes on; the REST resource follows it); one signed but not yet taken by the
/// node is answered with its hash. Intake refusals map to JSON-RPC errors: a revert is code 3 with the revert data
/// (what ethers and cast decode), other 422s -32003, field problems -32602, an Idempotency-Key conflict -32000.
/// Idempotency: the request's Idempotency-Key together with the call's id names one transaction, so a client
/// retrying a timed-out request with the same key and id gets the same transaction's hash, not a second one.
/// </summary>
internal sealed class RpcTransactions(TransactionsStore store, ChainRegistry chains, TransactionIntake intake)
{
    public async Task<RpcOutcome> SendAsync(WalletRpcContext context, Chain chain, JsonRpcRequest call, TimeSpan wait, CancellationToken cancellationToken)
    {
        var (request, problem) = SendTransactionParams.Read(context, chain, call);
        if (request is null)
        {
            return RpcOutcome.Fail(problem!);
        }

        var key = context.IdempotencyKey is null ? null : KeyOf(context.IdempotencyKey, call.Id);
        IntakeResult? earlier;
        await using (var db = await store.OpenAsync(cancellationToken))
        {
            earlier = await TransactionIntake.FindAsync(db, context.Wallet, key, request.Fingerprint(), cancellationToken);
        }

        var result = earlier ?? await intake.AcceptAsync(context.Wallet, chain, request, key, cancellationToken);
        switch (result.Outcome)
        {
            case IntakeOutcome.Conflict:
                return RpcOutcome.Fail(JsonRpcError.InvalidInput(result.Detail));
            case IntakeOutcome.Invalid:
                return RpcOutcome.Fail(JsonRpcError.InvalidParams(result.Detail, new Dictionary<string, string[]> { [result.Field == "gasLimit" ? "gas" : result.Field!] = [result.Detail] }));
            case IntakeOutcome.Unprocessable:
                return RpcOutcome.Fail(result.Extensions is { } reverted && reverted.TryGetValue("revertData", out var data)
                    ? JsonRpcError.ExecutionReverted(reverted["revertReason"] as string ?? "", data as string)
                    : JsonRpcError.TransactionRejected($"{result.Title} {result.Detail}".Trim(), result.Extensions));
            case IntakeOutcome.Unavailable:
                return RpcOutcome.Fail(JsonRpcError.ResourceUnavailable(result.Detail));
        }

        var id = result.TransactionId!;
        var resource = await FinalStateWaiter.WaitAsync(
            store.StatusCommitted,
            ct => TransactionEndpoints.LoadAsync(store, chains, id, ct),
            r => r is null || r.Status is not (TransactionStatus.Queued or TransactionStatus.Signing),
            wait,
            cancellationToken);
        return Answer(id, resource!, wait);
    }

    private static RpcOutcome Answer(string id, TransactionResource resource, TimeSpan wait)
    {
        var hash = resource.Hash ?? resource.Attempts.LastOrDefault(a => a.Hash is not null)?.Hash;
        if (resource.Status is TransactionStatus.Failed or TransactionStatus.Cancelled)
        {
            return RpcOutcome.Fail(JsonRpcError.TransactionRejected($"transaction {id} {resource.Status}: {resource.Error}", new { transactionId = id, status = resource.Status, hash }));
        }

        return hash is not null
            ? RpcOutcome.Ok(hash)
            : RpcOutcome.Fail(JsonRpcError.ResourceUnavailable(
                $"transaction {id} was accepted (nonce {resource.Nonce}) but not signed within {wait.TotalSeconds:0} s; it goes on: GET /v1/transactions/{id}",
                new { transactionId = id, status = resource.Status }));
    }

    /// <summary>The stored key: the header's key and the call's id, hashed (fixed length, and never equal to a REST key by accident).</summary>
    private static string KeyOf(string idempotencyKey, string? callId) =>
        "rpc:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey + "\n" + (callId ?? "null"))));
}
