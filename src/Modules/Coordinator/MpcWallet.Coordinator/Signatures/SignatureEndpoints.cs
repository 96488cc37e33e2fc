using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Infrastructure.Authentication;
using MpcWallet.Infrastructure.Http;
using MpcWallet.Mpc.Derivation;

namespace MpcWallet.Coordinator.Signatures;

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
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesCommonProblems()
            .WithIdempotencyKey()
            .WithPreferWait()
            .WithName("CreateSignature");
        v1.MapGet("/signatures/{id}", GetAsync).Produces<SignatureResource>().ProducesProblem(StatusCodes.Status404NotFound).ProducesCommonProblems().WithName("GetSignature");
    }

    private static async Task<IResult> CreateAsync(string id, HttpContext http, CoordinatorStore store, SignatureIntake intake, CancellationToken cancellationToken)
    {
        var tenant = http.User.TenantOf();
        var (key, keyProblem) = IdempotencyKeys.Read(http.Request);
        if (keyProblem is not null)
        {
            return keyProblem;
        }

        // An unknown wallet is answered before anything about the body.
        var wallet = await store.LoadWalletAsync(id, cancellationToken);
        if (wallet is null || wallet.Tenant != tenant)
        {
            return Problems.NotFound($"wallet {id}");
        }

        var (body, problem) = await JsonBody.ReadAsync<CreateSignatureRequest>(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (preImage, digest, errors) = SignaturePayload.Resolve(body!);
        uint[] path = [];
        if (body!.DerivationPath is { } pathText && !DerivationPath.TryParse(pathText, out path, out var pathError))
        {
            errors["derivationPath"] = [pathError!];
        }

        if (preImage is null || digest is null || errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var clientKey = key is null ? null : new ClientKey(key, IdempotencyKeys.Fingerprint(body));
        var accepted = await intake.AcceptAsync(new SignatureIntent(tenant, wallet.Id, preImage, "0x" + Convert.ToHexStringLower(digest), ClientKey: clientKey, Path: path), cancellationToken);
        return accepted.Kind switch
        {
            SignatureAcceptanceKind.Accepted => await AnswerAsync(store, accepted.Signature!.Id, created: true, PreferWait.Of(http.Request), cancellationToken),
            SignatureAcceptanceKind.Repeated => await AnswerAsync(store, accepted.Signature!.Id, created: false, PreferWait.Of(http.Request), cancellationToken),
            SignatureAcceptanceKind.Conflict => IdempotencyKeys.ConflictProblem(),
            SignatureAcceptanceKind.RawDigestRefused => RawDigestRefused(id),
            _ => Problems.Conflict($"wallet {id} is {accepted.WalletStatus ?? wallet.Status}, not active"),
        };
    }

    /// <summary>
    /// 422: the request is well formed, but the wallet's policy (fixed at creation, enforced by every node too) refuses
    /// raw digests, whose pre-image nobody can check.
    /// </summary>
    private static IResult RawDigestRefused(string walletId) => Problems.Unprocessable(
        "The wallet does not allow raw digests.",
        $"wallet {walletId} was created without allowRawDigest: sign a personalMessage or typedData (or send a transaction), whose content the nodes can check; a wallet created with \"allowRawDigest\": true signs digests.");

    private static async Task<IResult> GetAsync(string id, HttpContext http, CoordinatorStore store, CancellationToken cancellationToken)
    {
        var signature = await LoadAsync(store, id, cancellationToken);
        return signature is null || signature.Tenant != http.User.TenantOf() ? Problems.NotFound($"signature {id}") : Results.Ok(SignatureResource.From(signature));
    }

    private static async Task<IResult> AnswerAsync(CoordinatorStore store, string id, bool created, TimeSpan wait, CancellationToken cancellationToken)
    {
        var signature = await FinalStateWaiter.WaitAsync(store.FinalStateCommitted, ct => LoadAsync(store, id, ct), s => s is null || s.Status != SignatureStatus.Pending, wait, cancellationToken);
        var location = $"/v1/signatures/{id}";
        return AcceptedWork.Answer(location, SignatureResource.From(signature!), signature!.Status == SignatureStatus.Pending, created);
    }

    private static async Task<SignatureRecord?> LoadAsync(CoordinatorStore store, string id, CancellationToken cancellationToken)
    {
        await using var context = store.Open();
        return await context.Signatures.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
    }
}
