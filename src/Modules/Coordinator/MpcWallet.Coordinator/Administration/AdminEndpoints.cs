using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using MpcWallet.Coordinator.Monitoring;
using MpcWallet.Coordinator.Nodes;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Infrastructure.Http;

namespace MpcWallet.Coordinator.Administration;

/// <summary>
/// The coordinator's read-only operator views on <c>/v1/admin</c> (admin role, every tenant): the cluster
/// (<c>/cluster</c>), wallets (<c>/wallets</c>, paged newest first) and the most recent signature requests with
/// their sessions (<c>/signatures</c>).
/// </summary>
internal static class AdminEndpoints
{
    private const int MaxPageSize = 200;

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/cluster", (NodeRegistry registry, ClusterGauges gauges) =>
            {
                var margins = gauges.Margins;
                var nodes = registry.All.Select(n => new AdminNodeResource(
                    n.Id, registry.IsOnline(n.Id) ? "online" : "offline", n.LastHeartbeatAt?.UtcDateTime, n.Endpoint, n.Version, n.HeldKeys.Count)).ToArray();
                return Results.Ok(new AdminClusterResource(nodes, margins.Active, margins.BelowMargin, margins.WithoutQuorum, gauges.PendingSignatures));
            })
            .Produces<AdminClusterResource>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesCommonProblems().WithName("AdminCluster");
        admin.MapGet("/wallets", ListWalletsAsync)
            .Produces<ItemsPage<AdminWalletResource>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesCommonProblems()
            .WithPageQuery(MaxPageSize).WithName("AdminListWallets");
        admin.MapGet("/signatures", ListSignaturesAsync)
            .Produces<ItemsPage<AdminSignatureResource>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesCommonProblems()
            .WithPageQuery(MaxPageSize).WithName("AdminListSignatures");
    }

    private static async Task<IResult> ListWalletsAsync(HttpContext http, CoordinatorStore store, NodeRegistry registry, CancellationToken cancellationToken)
    {
        var (page, problem) = PageQuery.Read(http.Request, MaxPageSize);
        if (problem is not null)
        {
            return problem;
        }

        var size = page!.Limit;
        await using var context = await store.OpenAsync(cancellationToken);
        var query = context.Wallets.AsNoTracking();
        if (page.Before is { } before)
        {
            query = query.Where(w => w.Sequence < before);
        }

        var rows = await query.OrderByDescending(w => w.Sequence).Take(size + 1).ToListAsync(cancellationToken);
        var next = rows.Count > size ? rows[size - 1].Sequence.ToString(CultureInfo.InvariantCulture) : null;
        return Results.Ok(new ItemsPage<AdminWalletResource>(rows.Take(size).Select(w => AdminWalletResource.From(w, registry.IsOnline)).ToArray(), next));
    }

    /// <summary>Newest first by id (version-7 GUIDs: creation order); no cursor: the console shows the most recent ones.</summary>
    private static async Task<IResult> ListSignaturesAsync(HttpContext http, CoordinatorStore store, CancellationToken cancellationToken)
    {
        var (page, problem) = PageQuery.Read(http.Request, MaxPageSize);
        if (problem is not null)
        {
            return problem;
        }

        if (page!.Before is not null)
        {
            return Problems.Validation("cursor", "this list has no further pages: it shows the most recent signature requests");
        }

        await using var context = await store.OpenAsync(cancellationToken);
        var signatures = await context.Signatures.AsNoTracking().OrderByDescending(s => s.Id).Take(page.Limit).ToListAsync(cancellationToken);
        var ids = signatures.Select(s => s.Id).ToArray();
        var sessions = (await context.Sessions.AsNoTracking().Where(s => ids.Contains(s.ResourceId)).ToListAsync(cancellationToken))
            .OrderBy(s => s.StartedAt).GroupBy(s => s.ResourceId).ToDictionary(g => g.Key, g => g.Select(AdminSessionResource.From).ToArray());
        return Results.Ok(new ItemsPage<AdminSignatureResource>(
            signatures.Select(s => AdminSignatureResource.From(s, sessions.TryGetValue(s.Id, out var attempts) ? attempts : [])).ToArray(), null));
    }
}
