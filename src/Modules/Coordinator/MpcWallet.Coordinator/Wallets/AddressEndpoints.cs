using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Infrastructure.Authentication;
using MpcWallet.Infrastructure.Http;
using MpcWallet.Mpc.Derivation;

namespace MpcWallet.Coordinator.Wallets;

/// <summary>
/// <c>GET /v1/wallets/{id}/addresses?path=m/0/7</c>: the non-hardened BIP32 child of the wallet's root key at a path,
/// computed from public data (the same derivation the signers apply to their shares for <c>derivationPath</c>).
/// </summary>
internal static class AddressEndpoints
{
    public static void Map(RouteGroupBuilder v1) =>
        v1.MapGet("/wallets/{id}/addresses", GetAsync)
            .Produces<AddressResource>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesCommonProblems()
            .WithName("GetWalletAddress");

    /// <param name="path">The non-hardened BIP32 path, e.g. m/0/7 ("m": the root key).</param>
    private static async Task<IResult> GetAsync(string id, string? path, HttpContext http, CoordinatorStore store, CancellationToken cancellationToken)
    {
        var wallet = await store.LoadWalletAsync(id, cancellationToken);
        if (wallet is null || wallet.Tenant != http.User.TenantOf())
        {
            return Problems.NotFound($"wallet {id}");
        }

        if (string.IsNullOrEmpty(path) || http.Request.Query["path"].Count != 1)
        {
            return Problems.Validation("path", "give exactly one path query parameter, a non-hardened BIP32 path such as m/0/7 (m is the root)");
        }

        if (!DerivationPath.TryParse(path, out var indices, out var error))
        {
            return Problems.Validation("path", error!);
        }

        if (wallet.Status != WalletStatus.Active)
        {
            return Problems.Conflict($"wallet {id} is {wallet.Status}, not active: it has no key to derive from yet");
        }

        try
        {
            var (publicKey, address) = WalletKeys.Child(wallet, indices);
            return Results.Ok(new AddressResource(DerivationPath.Format(indices), "0x" + Convert.ToHexStringLower(publicKey), address.ToChecksumString()));
        }
        catch (InvalidChildIndexException e)
        {
            // Probability about 2^-127 per step (BIP32): the index has no child; the caller takes the next one.
            return Problems.Validation("path", e.Message);
        }
    }
}
