using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using MpcWallet.Infrastructure.Authentication;
using MpcWallet.Infrastructure.Http;
using MpcWallet.Transactions.Chains;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Rpc;

/// <summary>
/// <c>POST /v1/wallets/{id}/rpc[?chainId=N]</c>: a wallet's Ethereum JSON-RPC 2.0 endpoint (a remote signer in the
/// spirit of Web3Signer), for clients that speak JSON-RPC (cast, ethers, Nethereum). The HTTP layer is the API's:
/// API key, tenant (another tenant's wallet is a 404), Idempotency-Key, body limits, content type (problem
/// documents). Whatever is inside the body is answered in JSON-RPC with HTTP 200: a body that is not JSON (or has a
/// member name twice) -32700, a malformed call -32600, an empty batch -32600, a batch over <see cref="MaxBatch"/>
/// calls -32005. The calls of a batch run one after another, in order; notifications run and get no answer (a body
/// of notifications only answers 204). The chain is <c>chainId</c> from the query, else the first configured one.
/// </summary>
internal static class RpcEndpoints
{
    public const int MaxBatch = 100;

    public static void Map(RouteGroupBuilder v1) =>
        v1.MapPost("/wallets/{id}/rpc", HandleAsync)
            .Accepts<JsonElement>("application/json")
            .Produces<JsonElement>(StatusCodes.Status200OK)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesCommonProblems()
            .WithIdempotencyKey()
            .WithName("WalletJsonRpc")
            .WithSummary("The wallet's Ethereum JSON-RPC endpoint (eth_sendTransaction, personal_sign, eth_signTypedData_v4, read-only chain calls)");

    private static async Task<IResult> HandleAsync(string id, HttpContext http, TransactionsStore store, ChainRegistry chains, WalletRpc rpc, CancellationToken cancellationToken)
    {
        var tenant = http.User.TenantOf();
        var (idempotencyKey, keyProblem) = IdempotencyKeys.Read(http.Request);
        if (keyProblem is not null)
        {
            return keyProblem;
        }

        if (await store.FindWalletAsync(id, tenant, cancellationToken) is not { } wallet)
        {
            return Problems.NotFound($"wallet {id}");
        }

        var (chain, chainProblem) = SelectChain(http.Request, chains);
        if (chainProblem is not null)
        {
            return chainProblem;
        }

        var (bytes, bodyProblem) = await JsonBody.ReadBytesAsync(http.Request, cancellationToken);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        var session = new WalletRpcContext(wallet, chain, idempotencyKey);
        if (!JsonBody.TryParse(bytes!, out var root, out var syntax))
        {
            return Json(JsonRpcReply.Failure(null, JsonRpcError.ParseError(syntax)));
        }

        if (root.ValueKind != JsonValueKind.Array)
        {
            return await AnswerAsync(rpc, session, root, cancellationToken) is { } reply ? Json(reply) : Results.NoContent();
        }

        var count = root.GetArrayLength();
        if (count == 0)
        {
            return Json(JsonRpcReply.Failure(null, JsonRpcError.InvalidRequest("an empty batch")));
        }

        if (count > MaxBatch)
        {
            return Json(JsonRpcReply.Failure(null, JsonRpcError.LimitExceeded($"a batch may hold at most {MaxBatch} calls, this one holds {count}")));
        }

        var replies = new List<JsonRpcReply>();
        foreach (var call in root.EnumerateArray())
        {
            if (await AnswerAsync(rpc, session, call, cancellationToken) is { } reply)
            {
                replies.Add(reply);
            }
        }

        return replies.Count == 0 ? Results.NoContent() : Json(replies);
    }

    /// <summary>One call's reply; null for a well-formed notification.</summary>
    private static async Task<JsonRpcReply?> AnswerAsync(WalletRpc rpc, WalletRpcContext session, JsonElement call, CancellationToken cancellationToken)
    {
        var (request, id, error) = JsonRpcEnvelope.Read(call);
        if (request is null)
        {
            return JsonRpcReply.Failure(id, error!);
        }

        var outcome = await rpc.InvokeAsync(session, request, cancellationToken);
        return request.IsNotification ? null : new JsonRpcReply(request.Id!, outcome.Result, outcome.Error);
    }

    private static (Chain? Chain, IResult? Problem) SelectChain(HttpRequest request, ChainRegistry chains)
    {
        var values = request.Query["chainId"];
        if (values.Count == 0)
        {
            return (chains.First, null);
        }

        if (values.Count > 1 || !ulong.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var chainId) || chainId == 0)
        {
            return (null, Problems.Validation("chainId", "chainId must be one positive decimal integer"));
        }

        return chains.Find(chainId) is { } chain
            ? (chain, null)
            : (null, Problems.Validation("chainId", $"chain {chainId} is not configured (configured: {string.Join(", ", chains.All.Select(c => c.Id))})"));
    }

    private static IResult Json(JsonRpcReply reply) => Write(writer => reply.WriteTo(writer));

    private static IResult Json(List<JsonRpcReply> replies) => Write(writer =>
    {
        writer.WriteStartArray();
        foreach (var reply in replies)
        {
            reply.WriteTo(writer);
        }

        writer.WriteEndArray();
    });

    private static IResult Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Results.Bytes(buffer.WrittenMemory.ToArray(), "application/json");
    }
}
