using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using MpcWallet.Coordinator.Nodes;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Coordinator.Work;
using MpcWallet.Infrastructure.Authentication;
using MpcWallet.Infrastructure.Http;
using MpcWallet.Infrastructure.Telemetry;

namespace MpcWallet.Coordinator.Wallets;

/// <summary><c>/v1/wallets</c>: create (asynchronous key generation), read, list (newest first, cursor paging).</summary>
internal static class WalletEndpoints
{
    private const string Operation = "create-wallet";
    private const int MaxLabelLength = 200;
    private const int MaxPageSize = 100;

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapPost("/wallets", CreateAsync)
            .Accepts<CreateWalletRequest>("application/json")
            .Produces<WalletResource>(StatusCodes.Status201Created)
            .Produces<WalletResource>(StatusCodes.Status202Accepted)
            .Produces<WalletResource>(StatusCodes.Status200OK)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesCommonProblems()
            .WithIdempotencyKey()
            .WithPreferWait()
            .WithName("CreateWallet");
        v1.MapGet("/wallets/{id}", GetAsync).Produces<WalletResource>().ProducesProblem(StatusCodes.Status404NotFound).ProducesCommonProblems().WithName("GetWallet");
        v1.MapGet("/wallets", ListAsync).Produces<ItemsPage<WalletResource>>().ProducesValidationProblem().ProducesCommonProblems().WithPageQuery(MaxPageSize).WithName("ListWallets");
    }

    private static async Task<IResult> CreateAsync(HttpContext http, CoordinatorStore store, NodeRegistry registry, WorkQueue queue, WorkLeases leases, CancellationToken cancellationToken)
    {
        var tenant = http.User.TenantOf();
        var (key, keyProblem) = IdempotencyKeys.Read(http.Request);
        if (keyProblem is not null)
        {
            return keyProblem;
        }

        var (body, problem) = await JsonBody.ReadAsync<CreateWalletRequest>(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var request = new CreateWalletRequest(body!.Label ?? "", body.Threshold ?? 2, body.Parties ?? 3, body.AllowRawDigest ?? false);
        var errors = new Dictionary<string, string[]>();
        if (request.Label!.Length > MaxLabelLength || request.Label.Any(char.IsControl))
        {
            errors["label"] = [$"label must be at most {MaxLabelLength} printable characters"];
        }

        if (request.Threshold <= 1)
        {
            errors["threshold"] = ["threshold must be greater than 1"];
        }
        else if (request.Threshold > request.Parties)
        {
            errors["threshold"] = ["threshold must not exceed parties"];
        }

        if (request.Parties > registry.Configured.Count)
        {
            errors["parties"] = [$"parties must not exceed the number of registered nodes ({registry.Configured.Count})"];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var fingerprint = IdempotencyKeys.Fingerprint(request);
        await using var context = store.Open();
        if (key is not null)
        {
            var (match, existingId) = await IdempotencyKeys.FindAsync(context, tenant, Operation, key, fingerprint, cancellationToken);
            if (match != IdempotencyMatch.None)
            {
                return match == IdempotencyMatch.Same ? await AnswerAsync(store, existingId!, created: false, PreferWait.Of(http.Request), cancellationToken) : IdempotencyKeys.ConflictProblem();
            }
        }

        var wallet = new WalletRecord
        {
            Id = "wlt_" + Guid.CreateVersion7().ToString("N"),
            TraceParent = TraceParent.Current(),
            Tenant = tenant,
            Label = request.Label,
            Threshold = request.Threshold!.Value,
            Parties = request.Parties!.Value,
            AllowRawDigest = request.AllowRawDigest!.Value,
            Status = WalletStatus.Creating,
            Nodes = "",
            CreatedAt = DateTimeOffset.UtcNow,
            Sequence = store.NextSequence(),
            // Claimed for this coordinator as it is accepted: it runs here unless this process dies.
            Owner = leases.Instance,
            LeaseUntil = leases.LeaseEnd,
        };
        context.Wallets.Add(wallet);
        if (key is not null)
        {
            IdempotencyKeys.Add(context, tenant, Operation, key, fingerprint, wallet.Id, wallet.CreatedAt);
        }

        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (key is not null)
        {
            // A concurrent request with the same key won the insert; answer with its resource.
            await using var again = store.Open();
            var (match, existingId) = await IdempotencyKeys.FindAsync(again, tenant, Operation, key, fingerprint, cancellationToken);
            return match == IdempotencyMatch.Same ? await AnswerAsync(store, existingId!, created: false, PreferWait.Of(http.Request), cancellationToken) : IdempotencyKeys.ConflictProblem();
        }

        queue.Enqueue(new WorkItem(WorkKind.KeyGeneration, wallet.Id, wallet.TraceParent, wallet.LeaseUntil));
        return await AnswerAsync(store, wallet.Id, created: true, PreferWait.Of(http.Request), cancellationToken);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, CoordinatorStore store, CancellationToken cancellationToken)
    {
        var wallet = await store.LoadWalletAsync(id, cancellationToken);
        return wallet is null || wallet.Tenant != http.User.TenantOf() ? Problems.NotFound($"wallet {id}") : Results.Ok(WalletResource.From(wallet));
    }

    private static async Task<IResult> ListAsync(HttpContext http, CoordinatorStore store, CancellationToken cancellationToken)
    {
        var (page, problem) = PageQuery.Read(http.Request, MaxPageSize);
        if (problem is not null)
        {
            return problem;
        }

        var size = page!.Limit;
        var tenant = http.User.TenantOf();
        await using var context = store.Open();
        var query = context.Wallets.AsNoTracking().Where(w => w.Tenant == tenant);
        if (page.Before is { } b)
        {
            query = query.Where(w => w.Sequence < b);
        }

        var rows = await query.OrderByDescending(w => w.Sequence).Take(size + 1).ToListAsync(cancellationToken);
        var next = rows.Count > size ? rows[size - 1].Sequence.ToString(CultureInfo.InvariantCulture) : null;
        return Results.Ok(new ItemsPage<WalletResource>(rows.Take(size).Select(WalletResource.From).ToArray(), next));
    }

    private static async Task<IResult> AnswerAsync(CoordinatorStore store, string id, bool created, TimeSpan wait, CancellationToken cancellationToken)
    {
        var wallet = await FinalStateWaiter.WaitAsync(store.FinalStateCommitted, ct => store.LoadWalletAsync(id, ct), w => w is null || w.Status != WalletStatus.Creating, wait, cancellationToken);
        var location = $"/v1/wallets/{id}";
        return AcceptedWork.Answer(location, WalletResource.From(wallet!), wallet!.Status == WalletStatus.Creating, created);
    }
}
