using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using MpcWallet.Infrastructure.Http;
using MpcWallet.Transactions.Api;
using MpcWallet.Transactions.Audit;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Administration;

/// <summary>
/// The transaction service's read-only operator views on <c>/v1/admin</c> (admin role, every tenant): transactions
/// with their attempts and status history (<c>/transactions</c>, newest first), and the verification of the whole
/// audit chain (<c>/audit/verification</c>: every tenant's entries counted, the first bad entry named whoever owns it).
/// </summary>
internal static class AdminEndpoints
{
    private const int MaxPageSize = 200;

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/transactions", ListAsync)
            .Produces<ItemsPage<AdminTransactionResource>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesCommonProblems()
            .WithPageQuery(MaxPageSize).WithName("AdminListTransactions");
        admin.MapGet("/audit/verification", async (AuditVerifier verifier, CancellationToken cancellationToken) => Results.Ok(await verifier.VerifyAsync(null, cancellationToken)))
            .Produces<AuditVerification>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesCommonProblems().WithName("AdminVerifyAuditChain");
    }

    private static async Task<IResult> ListAsync(HttpContext http, TransactionsStore store, CancellationToken cancellationToken)
    {
        var (page, problem) = PageQuery.Read(http.Request, MaxPageSize);
        if (problem is not null)
        {
            return problem;
        }

        var size = page!.Limit;
        await using var context = await store.OpenAsync(cancellationToken);
        var query = context.Transactions.AsNoTracking();
        if (page.Before is { } before)
        {
            query = query.Where(t => t.Sequence < before);
        }

        var rows = await query.OrderByDescending(t => t.Sequence).Take(size + 1).ToListAsync(cancellationToken);
        var shown = rows.Take(size).ToArray();
        var ids = shown.Select(t => t.Id).ToArray();
        var attempts = (await context.Attempts.AsNoTracking().Where(a => ids.Contains(a.TransactionId)).ToListAsync(cancellationToken)).ToLookup(a => a.TransactionId);
        var audit = (await context.Audit.AsNoTracking().Where(a => ids.Contains(a.TransactionId)).OrderBy(a => a.Sequence).ToListAsync(cancellationToken)).ToLookup(a => a.TransactionId);
        var next = rows.Count > size ? rows[size - 1].Sequence.ToString(CultureInfo.InvariantCulture) : null;

        // Confirmations as stored (no chain head here): the tenant's own GET /v1/transactions/{id} derives them from the head.
        return Results.Ok(new ItemsPage<AdminTransactionResource>(shown.Select(t => new AdminTransactionResource(
            t.Tenant,
            t.ToResource(attempts[t.Id], 0),
            audit[t.Id].Select(a => new AuditEntryResource(a.Sequence, a.OldStatus, a.NewStatus, a.Action, a.TransactionHash, a.Detail, a.At, a.EntryHash)).ToArray())).ToArray(), next));
    }
}
