using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using MpcWallet.Infrastructure.Authentication;
using MpcWallet.Transactions.Chains;
using MpcWallet.Transactions.Lifecycle;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Api;

/// <summary><c>POST /v1/wallets/{id}/transactions</c>, <c>GET /v1/transactions/{id}</c>, <c>GET /v1/wallets/{id}/transactions</c>.</summary>
internal static class TransactionEndpoints
{
    private const string IdempotencyHeader = "Idempotency-Key";
    private const int MaxKeyLength = 200;

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapPost("/wallets/{id}/transactions", CreateAsync)
            .Accepts<JsonElement>("application/json")
            .Produces<TransactionResource>(StatusCodes.Status201Created)
            .Produces<TransactionResource>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("CreateTransaction");
        v1.MapGet("/transactions/{id}", GetAsync).Produces<TransactionResource>().ProducesProblem(StatusCodes.Status404NotFound).WithName("GetTransaction");
        v1.MapGet("/wallets/{id}/transactions", ListAsync).Produces<TransactionPage>().ProducesProblem(StatusCodes.Status404NotFound).WithName("ListWalletTransactions");
    }

    private static async Task<IResult> CreateAsync(string id, HttpContext http, TransactionsStore store, ChainRegistry chains, TransactionIntake intake, CancellationToken cancellationToken)
    {
        var tenant = http.User.TenantOf();
        var key = http.Request.Headers[IdempotencyHeader].ToString();
        if (key.Length > MaxKeyLength || key.Any(char.IsControl))
        {
            return Problems.Validation(IdempotencyHeader, $"the Idempotency-Key must be at most {MaxKeyLength} printable characters");
        }

        WalletRecord? wallet;
        await using (var context = await store.OpenAsync(cancellationToken))
        {
            wallet = await context.Wallets.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
        }

        if (wallet is null || wallet.Tenant != tenant)
        {
            return Problems.NotFound($"wallet {id}");
        }

        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, default, cancellationToken);
            body = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return Problems.Validation("body", "the body must be valid JSON");
        }

        var (request, errors) = TransactionRequestParser.Parse(body);
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
            return Problems.Unavailable($"chain {chain.Id} is not available: {chain.Problem}");
        }

        var idempotencyKey = key.Length == 0 ? null : key;
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

    private static async Task<IResult> AnswerAsync(TransactionsStore store, ChainRegistry chains, IntakeResult result, HttpRequest request, CancellationToken cancellationToken)
    {
        switch (result.Outcome)
        {
            case IntakeOutcome.Conflict:
                return Problems.Conflict(result.Detail);
            case IntakeOutcome.Invalid:
                return Problems.Validation(result.Field!, result.Detail);
            case IntakeOutcome.Unprocessable:
                return Problems.Unprocessable(result.Title!, result.Detail, null);
            case IntakeOutcome.Unavailable:
                return Problems.Unavailable(result.Detail);
            case IntakeOutcome.Refused:
                return Problems.Unprocessable(result.Title!, result.Detail, result.TransactionId);
        }

        var wait = PreferWait(request);
        var until = DateTimeOffset.UtcNow + wait;
        var resource = await LoadAsync(store, chains, result.TransactionId!, cancellationToken);
        while (resource!.Status is not (TransactionStatus.Confirmed or TransactionStatus.Failed) && DateTimeOffset.UtcNow < until)
        {
            await Task.Delay(50, cancellationToken);
            resource = await LoadAsync(store, chains, result.TransactionId!, cancellationToken);
        }

        var location = $"/v1/transactions/{resource.Id}";
        return resource.Status is not (TransactionStatus.Confirmed or TransactionStatus.Failed)
            ? Results.Accepted(location, resource)
            : result.Outcome == IntakeOutcome.Created ? Results.Created(location, resource) : Results.Ok(resource);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, TransactionsStore store, ChainRegistry chains, CancellationToken cancellationToken)
    {
        var resource = await LoadAsync(store, chains, id, cancellationToken, http.User.TenantOf());
        return resource is null ? Problems.NotFound($"transaction {id}") : Results.Ok(resource);
    }

    private static async Task<IResult> ListAsync(string id, HttpContext http, TransactionsStore store, ChainRegistry chains, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var tenant = http.User.TenantOf();
        var size = limit ?? 50;
        if (size is < 1 or > 200)
        {
            return Problems.Validation("limit", "limit must be between 1 and 200");
        }

        long? before = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return Problems.Validation("cursor", "cursor is not one this API returned");
            }

            before = parsed;
        }

        await using var context = await store.OpenAsync(cancellationToken);
        var wallet = await context.Wallets.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (wallet is null || wallet.Tenant != tenant)
        {
            return Problems.NotFound($"wallet {id}");
        }

        var query = context.Transactions.AsNoTracking().Where(t => t.WalletId == id && t.Tenant == tenant);
        if (before is { } b)
        {
            query = query.Where(t => t.Sequence < b);
        }

        var page = await query.OrderByDescending(t => t.Sequence).Take(size + 1).ToListAsync(cancellationToken);
        var items = page.Take(size).ToList();
        var ids = items.Select(t => t.Id).ToArray();
        var attempts = (await context.Attempts.AsNoTracking().Where(a => ids.Contains(a.TransactionId)).ToListAsync(cancellationToken)).ToLookup(a => a.TransactionId);
        var next = page.Count > size ? items[^1].Sequence.ToString(CultureInfo.InvariantCulture) : null;
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

    /// <summary>RFC 7240 <c>Prefer: wait=N</c>, at most 30 seconds.</summary>
    private static TimeSpan PreferWait(HttpRequest request)
    {
        foreach (var header in request.Headers["Prefer"])
        {
            foreach (var preference in (header ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = preference.Split('=', 2, StringSplitOptions.TrimEntries);
                if (parts.Length == 2 && parts[0].Equals("wait", StringComparison.OrdinalIgnoreCase) && int.TryParse(parts[1], out var seconds) && seconds > 0)
                {
                    return TimeSpan.FromSeconds(Math.Min(seconds, 30));
                }
            }
        }

        return TimeSpan.Zero;
    }
}
