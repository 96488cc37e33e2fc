using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using MpcWallet.Infrastructure.Authentication;
using MpcWallet.Infrastructure.Http;
using MpcWallet.Transactions.Audit;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Api;

/// <summary>
/// <c>GET /v1/audit/verification</c>: walks the whole hash chain and says whether it is intact, counting and naming
/// only the caller's own entries. <c>GET /v1/transactions/{id}/audit</c>: one transaction's entries (tenant-scoped).
/// </summary>
internal static class AuditEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/audit/verification", async (HttpContext http, AuditVerifier verifier, CancellationToken cancellationToken) => Results.Ok(await verifier.VerifyAsync(http.User.TenantOf(), cancellationToken)))
            .Produces<AuditVerification>().ProducesCommonProblems().WithName("VerifyAuditChain");
        v1.MapGet("/transactions/{id}/audit", async (string id, HttpContext http, TransactionsStore store, CancellationToken cancellationToken) =>
            {
                var tenant = http.User.TenantOf();
                await using var context = await store.OpenAsync(cancellationToken);
                var entries = await context.Audit.AsNoTracking().Where(a => a.TransactionId == id && a.Tenant == tenant).OrderBy(a => a.Sequence).ToListAsync(cancellationToken);
                return entries.Count == 0
                    ? Problems.NotFound($"transaction {id}")
                    : Results.Ok(entries.Select(a => new AuditEntryResource(a.Sequence, a.OldStatus, a.NewStatus, a.Action, a.TransactionHash, a.Detail, a.At, a.EntryHash)).ToArray());
            })
            .Produces<AuditEntryResource[]>().ProducesProblem(StatusCodes.Status404NotFound).ProducesCommonProblems().WithName("GetTransactionAudit");
    }
}
