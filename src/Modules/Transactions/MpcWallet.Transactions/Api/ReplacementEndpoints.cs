using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using MpcWallet.Infrastructure.Authentication;
using MpcWallet.Infrastructure.Http;
using MpcWallet.Transactions.Chains;
using MpcWallet.Transactions.Lifecycle;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Api;

/// <summary>
/// <c>POST /v1/transactions/{id}/cancel</c> and <c>POST /v1/transactions/{id}/speedup</c> (see <see cref="Replacements"/>).
/// The body is optional: none (or <c>{}</c>) lets the service bump the fees; otherwise both fees. The body is read
/// before the transaction is looked up, so a malformed one is a 400 whatever the id.
/// </summary>
internal static class ReplacementEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        Map(v1, "cancel", AttemptKinds.Cancel, "CancelTransaction");
        Map(v1, "speedup", AttemptKinds.SpeedUp, "SpeedUpTransaction");
    }

    private static void Map(RouteGroupBuilder v1, string segment, string kind, string name) =>
        v1.MapPost(
                $"/transactions/{{id}}/{segment}",
                (string id, HttpContext http, TransactionsStore store, ChainRegistry chains, Replacements replacements, CancellationToken cancellationToken) =>
                    ReplaceAsync(kind, id, http, store, chains, replacements, cancellationToken))
            .Accepts<ReplacementFees>(isOptional: true, "application/json")
            .Produces<TransactionResource>(StatusCodes.Status201Created)
            .Produces<TransactionResource>(StatusCodes.Status202Accepted)
            .Produces<TransactionResource>(StatusCodes.Status200OK)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesCommonProblems()
            .WithIdempotencyKey()
            .WithPreferWait()
            .WithName(name);

    private static async Task<IResult> ReplaceAsync(string kind, string id, HttpContext http, TransactionsStore store, ChainRegistry chains, Replacements replacements, CancellationToken cancellationToken)
    {
        var (idempotencyKey, keyProblem) = IdempotencyKeys.Read(http.Request);
        if (keyProblem is not null)
        {
            return keyProblem;
        }

        var (request, bodyProblem) = await ReadAsync(kind, http, cancellationToken);
        if (request is null)
        {
            return bodyProblem!;
        }

        TransactionRecord? transaction;
        await using (var context = await store.OpenAsync(cancellationToken))
        {
            transaction = await context.Transactions.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        }

        if (transaction is null || transaction.Tenant != http.User.TenantOf())
        {
            return Problems.NotFound($"transaction {id}");
        }

        var chain = chains.Find((ulong)transaction.ChainId);
        if (chain is null || chain.State != ChainState.Ready)
        {
            return Problems.Unavailable("Chain unavailable.", $"chain {transaction.ChainId} is not available{(chain is null ? " (no longer configured)" : $": {chain.Problem}")}");
        }

        var result = await replacements.RequestAsync(transaction, chain, request, idempotencyKey, cancellationToken);
        return await TransactionEndpoints.AnswerAsync(store, chains, result, http.Request, cancellationToken);
    }

    private static async Task<(ReplacementRequest? Request, IResult? Problem)> ReadAsync(string kind, HttpContext http, CancellationToken cancellationToken)
    {
        if (http.Request.ContentLength == 0 || http.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == false)
        {
            return (new ReplacementRequest(kind, null, null), null);
        }

        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }

        var errors = new Dictionary<string, string[]>();
        var (maxFee, tip) = RequestFields.Fees(body!.Value, errors);
        if (errors.Count == 0 && (maxFee is null) != (tip is null))
        {
            errors[maxFee is null ? "maxFeePerGas" : "maxPriorityFeePerGas"] = ["give both maxFeePerGas and maxPriorityFeePerGas, or neither (the service then bumps both)"];
        }

        return errors.Count > 0 ? (null, Problems.Validation(errors)) : (new ReplacementRequest(kind, maxFee, tip), null);
    }
}
