using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using MpcWallet.Coordinator.Configuration;
using MpcWallet.Coordinator.Orchestration;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Infrastructure.Authentication;
using MpcWallet.Infrastructure.Http;

namespace MpcWallet.Coordinator.Api;

/// <summary><c>POST /v1/wallets/{id}/signatures</c> (asynchronous signing) and <c>GET /v1/signatures/{id}</c>.</summary>
internal static class SignatureEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapPost("/wallets/{id}/signatures", CreateAsync)
            .Accepts<CreateSignatureRequest>("application/json")
            .Produces<SignatureResource>(StatusCodes.Status201Created)
            .Produces<SignatureResource>(StatusCodes.Status202Accepted)
            .Produces<SignatureResource>(StatusCodes.Status200OK)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesCommonProblems()
            .WithIdempotencyKey()
            .WithPreferWait()
            .WithName("CreateSignature");
        v1.MapGet("/signatures/{id}", GetAsync).Produces<SignatureResource>().ProducesProblem(StatusCodes.Status404NotFound).ProducesCommonProblems().WithName("GetSignature");
    }

    private static async Task<IResult> CreateAsync(string id, HttpContext http, CoordinatorStore store, WorkQueue queue, WorkLeases leases, CoordinatorOptions options, CancellationToken cancellationToken)
    {
        var tenant = http.User.TenantOf();
        var (key, keyProblem) = IdempotencyKeys.Read(http.Request);
        if (keyProblem is not null)
        {
            return keyProblem;
        }

        await using var context = store.Open();
        var wallet = await context.Wallets.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (wallet is null || wallet.Tenant != tenant)
        {
            return Problems.NotFound($"wallet {id}");
        }

        var (body, problem) = await JsonBody.ReadAsync<CreateSignatureRequest>(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (digest, errors) = SignaturePayload.Resolve(body!);
        if (digest is null)
        {
            return Problems.Validation(errors);
        }

        if (wallet.Status != WalletStatus.Active)
        {
            return Problems.Conflict($"wallet {id} is {wallet.Status}, not active");
        }

        var operation = "create-signature:" + wallet.Id;
        var fingerprint = IdempotencyKeys.Fingerprint(body);
        if (key is not null)
        {
            var (match, existingId) = await IdempotencyKeys.FindAsync(context, tenant, operation, key, fingerprint, cancellationToken);
            if (match != IdempotencyMatch.None)
            {
                return match == IdempotencyMatch.Same ? await AnswerAsync(store, existingId!, created: false, PreferWait.Of(http.Request), cancellationToken) : IdempotencyKeys.ConflictProblem();
            }
        }

        var now = DateTimeOffset.UtcNow;
        var signature = new SignatureRecord
        {
            Id = "sig_" + Guid.CreateVersion7().ToString("N"),
            Tenant = tenant,
            WalletId = wallet.Id,
            Type = body!.Type!,
            Status = SignatureStatus.Pending,
            Digest = "0x" + Convert.ToHexStringLower(digest),
            DerivationPath = "",
            Nodes = "",
            CreatedAt = now,
            DeadlineAt = now + options.SignatureDeadline,
            // Claimed for this coordinator as it is accepted: it runs here unless this process dies.
            Owner = leases.Instance,
            LeaseUntil = leases.LeaseEnd,
        };
        context.Signatures.Add(signature);
        if (key is not null)
        {
            IdempotencyKeys.Add(context, tenant, operation, key, fingerprint, signature.Id, now);
        }

        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (key is not null)
        {
            await using var again = store.Open();
            var (match, existingId) = await IdempotencyKeys.FindAsync(again, tenant, operation, key, fingerprint, cancellationToken);
            return match == IdempotencyMatch.Same ? await AnswerAsync(store, existingId!, created: false, PreferWait.Of(http.Request), cancellationToken) : IdempotencyKeys.ConflictProblem();
        }

        queue.Enqueue(new WorkItem(WorkKind.Signing, signature.Id, signature.LeaseUntil));
        return await AnswerAsync(store, signature.Id, created: true, PreferWait.Of(http.Request), cancellationToken);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, CoordinatorStore store, CancellationToken cancellationToken)
    {
        var signature = await LoadAsync(store, id, cancellationToken);
        return signature is null || signature.Tenant != http.User.TenantOf() ? Problems.NotFound($"signature {id}") : Results.Ok(signature.ToResource());
    }

    private static async Task<IResult> AnswerAsync(CoordinatorStore store, string id, bool created, TimeSpan wait, CancellationToken cancellationToken)
    {
        var signature = await FinalStateWaiter.WaitAsync(store.FinalStateCommitted, ct => LoadAsync(store, id, ct), s => s is null || s.Status != SignatureStatus.Pending, wait, cancellationToken);
        var location = $"/v1/signatures/{id}";
        return signature!.Status == SignatureStatus.Pending
            ? Results.Accepted(location, signature.ToResource())
            : created ? Results.Created(location, signature.ToResource()) : Results.Ok(signature.ToResource());
    }

    private static async Task<SignatureRecord?> LoadAsync(CoordinatorStore store, string id, CancellationToken cancellationToken)
    {
        await using var context = store.Open();
        return await context.Signatures.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
    }
}
