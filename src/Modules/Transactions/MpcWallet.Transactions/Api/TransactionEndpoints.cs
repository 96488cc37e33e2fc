using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using MpcWallet.Infrastructure.Authentication;
using MpcWallet.Infrastructure.Http;
using MpcWallet.Transactions.Chains;
using MpcWallet.Transactions.Lifecycle;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Api;

/// <summary>
/// <c>POST /v1/wallets/{id}/transactions</c>, <c>GET /v1/transactions/{id}</c>, <c>GET /v1/wallets/{id}/transactions</c>.
/// A create answers 422 (nothing stored) for what would never be mined or would revert (<see cref="IntakeChecks"/>).
/// </summary>
internal static class TransactionEndpoints
{
    private const int MaxPageSize = 200;
    private const string ChainUnavailable = "Chain unavailable.";

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapPost("/wallets/{id}/transactions", CreateAsync)
            .Accepts<CreateTransactionRequest>("application/json")
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
            .WithName("CreateTransaction");
        v1.MapGet("/transactions/{id}", GetAsync).Produces<TransactionResource>().ProducesProblem(StatusCodes.Status404NotFound).ProducesCommonProblems().WithName("GetTransaction");
        v1.MapGet("/wallets/{id}/transactions", ListAsync).Produces<TransactionPage>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesCommonProblems()
            .WithPageQuery(MaxPageSize).WithName("ListWalletTransactions");
    }

    private static async Task<IResult> CreateAsync(string id, HttpContext http, TransactionsStore store, ChainRegistry chains, TransactionIntake intake, CancellationToken cancellationToken)
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

        var (body, bodyProblem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        var (request, errors) = TransactionRequestParser.Parse(body!.Value);
        if (request is null)
        {
            return Problems.Validation(errors);
        }

        var chain = chains.Find(request.ChainId);
        if (chain is null)
        {
            return Problems.Validation("chainId", $"chain {request.ChainId} is not configured (configured: {string.Join(", ", chains.All.Select(c => c.Id))})");
        }

        if (chain.State != ChainState.Ready)
        {
            return Problems.Unavailable(ChainUnavailable, $"chain {chain.Id} is not available: {chain.Problem}");
        }

        await using (var context = await store.OpenAsync(cancellationToken))
        {
            if (await TransactionIntake.FindAsync(context, wallet, idempotencyKey, request.Fingerprint(), cancellationToken) is { } earlier)
            {
                return await AnswerAsync(store, chains, earlier, http.Request, cancellationToken);
            }
        }

        var result = await intake.AcceptAsync(wallet, chain, request, idempotencyKey, cancellationToken);
        return await AnswerAsync(store, chains, result, http.Request, cancellationToken);
    }

    /// <summary>The answer to a create, cancel or speed-up: the problem, or the transaction (waiting as <c>Prefer: wait</c> asks).</summary>
    internal static async Task<IResult> AnswerAsync(TransactionsStore store, ChainRegistry chains, IntakeResult result, HttpRequest request, CancellationToken cancellationToken)
    {
        switch (result.Outcome)
        {
            case IntakeOutcome.Conflict:
                return Problems.Conflict(result.Detail);
            case IntakeOutcome.Invalid:
                return Problems.Validation(result.Field!, result.Detail);
            case IntakeOutcome.Unprocessable:
                return Problems.Unprocessable(result.Title!, result.Detail, result.Extensions);
            case IntakeOutcome.Unavailable:
                return Problems.Unavailable(ChainUnavailable, result.Detail);
        }

        var resource = (await FinalStateWaiter.WaitAsync(
            store.StatusCommitted,
            ct => LoadAsync(store, chains, result.TransactionId!, ct),
            r => r is null || TransactionStatus.IsSettled(r.Status),
            PreferWait.Of(request),
            cancellationToken))!;
        var location = $"/v1/transactions/{resource.Id}";
        return AcceptedWork.Answer(location, resource, !TransactionStatus.IsSettled(resource.Status), result.Outcome == IntakeOutcome.Created);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, TransactionsStore store, ChainRegistry chains, CancellationToken cancellationToken)
    {
        var resource = await LoadAsync(store, chains, id, cancellationToken, http.User.TenantOf());
        return resource is null ? Problems.NotFound($"transaction {id}") : Results.Ok(resource);
    }

    private static async Task<IResult> ListAsync(string id, HttpContext http, TransactionsStore store, ChainRegistry chains, CancellationToken cancellationToken)
    {
        var tenant = http.User.TenantOf();
        var (page, problem) = PageQuery.Read(http.Request, MaxPageSize);
        if (problem is not null)
        {
            return problem;
        }

        var size = page!.Limit;
        await using var context = await store.OpenAsync(cancellationToken);
        var wallet = await context.Wallets.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (wallet is null || wallet.Tenant != tenant)
        {
            return Problems.NotFound($"wallet {id}");
        }

        var query = context.Transactions.AsNoTracking().Where(t => t.WalletId == id && t.Tenant == tenant);
        if (page.Before is { } b)
        {
            query = query.Where(t => t.Sequence < b);
        }

        var rows = await query.OrderByDescending(t => t.Sequence).Take(size + 1).ToListAsync(cancellationToken);
        var items = rows.Take(size).ToList();
        var ids = items.Select(t => t.Id).ToArray();
        var attempts = (await context.Attempts.AsNoTracking().Where(a => ids.Contains(a.TransactionId)).ToListAsync(cancellationToken)).ToLookup(a => a.TransactionId);
        var next = rows.Count > size ? items[^1].Sequence.ToString(CultureInfo.InvariantCulture) : null;
        return Results.Ok(new TransactionPage(items.Select(t => t.ToResource(attempts[t.Id], HeadOf(chains, t))).ToArray(), next));
    }

    internal static async Task<TransactionResource?> LoadAsync(TransactionsStore store, ChainRegistry chains, string id, CancellationToken cancellationToken, string? tenant = null)
    {
        await using var context = await store.OpenAsync(cancellationToken);
        var transaction = await context.Transactions.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (transaction is null || (tenant is not null && transaction.Tenant != tenant))
        {
            return null;
        }

        var attempts = await context.Attempts.AsNoTracking().Where(a => a.TransactionId == id).ToListAsync(cancellationToken);
        return transaction.ToResource(attempts, HeadOf(chains, transaction));
    }

    private static ulong HeadOf(ChainRegistry chains, TransactionRecord transaction) => chains.Find((ulong)transaction.ChainId)?.Head ?? 0;
}
