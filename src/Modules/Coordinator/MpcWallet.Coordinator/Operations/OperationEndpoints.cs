using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Coordinator.Work;
using MpcWallet.Infrastructure.Authentication;
using MpcWallet.Infrastructure.Http;
using MpcWallet.Infrastructure.Telemetry;

namespace MpcWallet.Coordinator.Operations;

/// <summary>
/// <c>POST /v1/wallets/{id}/refresh</c> (an asynchronous proactive refresh, docs/design-lifecycle.md) and
/// <c>GET /v1/operations/{id}</c>. Tenant-scoped like wallets; one pending lifecycle operation per wallet.
/// </summary>
internal static class OperationEndpoints
{
    private const string RefreshOperation = "refresh-wallet";

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapPost("/wallets/{id}/refresh", RefreshAsync)
            .Accepts<RefreshWalletRequest>("application/json")
            .Produces<OperationResource>(StatusCodes.Status201Created)
            .Produces<OperationResource>(StatusCodes.Status202Accepted)
            .Produces<OperationResource>(StatusCodes.Status200OK)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesCommonProblems()
            .WithIdempotencyKey()
            .WithPreferWait()
            .WithName("RefreshWallet");
        v1.MapGet("/operations/{id}", GetAsync).Produces<OperationResource>().ProducesProblem(StatusCodes.Status404NotFound).ProducesCommonProblems().WithName("GetOperation");
    }

    private static async Task<IResult> RefreshAsync(string id, HttpContext http, CoordinatorStore store, WorkQueue queue, WorkLeases leases, CancellationToken cancellationToken)
    {
        var tenant = http.User.TenantOf();
        var (key, keyProblem) = IdempotencyKeys.Read(http.Request);
        if (keyProblem is not null)
        {
            return keyProblem;
        }

        // An unknown wallet is answered before anything about the body.
        var known = await store.LoadWalletAsync(id, cancellationToken);
        if (known is null || known.Tenant != tenant)
        {
            return Problems.NotFound($"wallet {id}");
        }

        // The body is optional; when given it must be a JSON object (without members: a refresh has no parameters).
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            var (_, problem) = await JsonBody.ReadAsync<RefreshWalletRequest>(http.Request, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }
        }

        // The same key on another wallet is another request.
        var fingerprint = IdempotencyKeys.Fingerprint(new { walletId = id });
        await using var context = store.Open();
        if (key is not null)
        {
            var (match, existingId) = await IdempotencyKeys.FindAsync(context, tenant, RefreshOperation, key, fingerprint, cancellationToken);
            if (match != IdempotencyMatch.None)
            {
                return match == IdempotencyMatch.Same ? await AnswerAsync(store, existingId!, created: false, PreferWait.Of(http.Request), cancellationToken) : IdempotencyKeys.ConflictProblem();
            }
        }

        if (await RunningAsync(context, id, cancellationToken) is { } running)
        {
            return Busy(id, running);
        }

        // Read after the check above: an operation that completed meanwhile switched the wallet in the same transaction.
        var wallet = await context.Wallets.AsNoTracking().FirstAsync(w => w.Id == id, cancellationToken);
        if (wallet.Status != WalletStatus.Active)
        {
            return Problems.Conflict($"wallet {id} is {wallet.Status}, not active");
        }

        var operation = new OperationRecord
        {
            Id = "op_" + Guid.CreateVersion7().ToString("N"),
            Tenant = tenant,
            WalletId = id,
            Kind = OperationKind.Refresh,
            Status = OperationStatus.Pending,
            KeyVersion = wallet.KeyVersion + 1,
            CreatedAt = DateTimeOffset.UtcNow,
            TraceParent = TraceParent.Current(),
            // Claimed for this coordinator as it is accepted: it runs here unless this process dies.
            Owner = leases.Instance,
            LeaseUntil = leases.LeaseEnd,
        };
        context.Operations.Add(operation);
        if (key is not null)
        {
            IdempotencyKeys.Add(context, tenant, RefreshOperation, key, fingerprint, operation.Id, operation.CreatedAt);
        }

        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent request won: the same Idempotency-Key, or another operation on the wallet (the unique index).
            await using var again = store.Open();
            if (key is not null)
            {
                var (match, existingId) = await IdempotencyKeys.FindAsync(again, tenant, RefreshOperation, key, fingerprint, cancellationToken);
                if (match != IdempotencyMatch.None)
                {
                    return match == IdempotencyMatch.Same ? await AnswerAsync(store, existingId!, created: false, PreferWait.Of(http.Request), cancellationToken) : IdempotencyKeys.ConflictProblem();
                }
            }

            if (await RunningAsync(again, id, cancellationToken) is { } winner)
            {
                return Busy(id, winner);
            }

            throw;
        }

        queue.Enqueue(new WorkItem(WorkKind.Refresh, operation.Id, operation.TraceParent, operation.LeaseUntil));
        return await AnswerAsync(store, operation.Id, created: true, PreferWait.Of(http.Request), cancellationToken);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, CoordinatorStore store, CancellationToken cancellationToken)
    {
        var operation = await LoadAsync(store, id, cancellationToken);
        return operation is null || operation.Tenant != http.User.TenantOf() ? Problems.NotFound($"operation {id}") : Results.Ok(OperationResource.From(operation));
    }

    private static Task<OperationRecord?> RunningAsync(CoordinatorDbContext context, string walletId, CancellationToken cancellationToken) =>
        context.Operations.AsNoTracking().FirstOrDefaultAsync(o => o.WalletId == walletId && o.Status == OperationStatus.Pending, cancellationToken);

    private static IResult Busy(string walletId, OperationRecord running) =>
        Problems.Conflict($"wallet {walletId} already has a lifecycle operation running: {running.Kind} {running.Id} (GET /v1/operations/{running.Id}); retry when it has ended");

    private static async Task<IResult> AnswerAsync(CoordinatorStore store, string id, bool created, TimeSpan wait, CancellationToken cancellationToken)
    {
        var operation = await FinalStateWaiter.WaitAsync(store.FinalStateCommitted, ct => LoadAsync(store, id, ct), o => o is null || o.Status != OperationStatus.Pending, wait, cancellationToken);
        var location = $"/v1/operations/{id}";
        return AcceptedWork.Answer(location, OperationResource.From(operation!), operation!.Status == OperationStatus.Pending, created);
    }

    private static async Task<OperationRecord?> LoadAsync(CoordinatorStore store, string id, CancellationToken cancellationToken)
    {
        await using var context = store.Open();
        return await context.Operations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
    }
}
