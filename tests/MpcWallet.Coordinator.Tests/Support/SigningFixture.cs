using System.Security.Cryptography;
using MpcWallet.Contracts.PartialSignatures;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Coordinator.Sessions;
using MpcWallet.Mpc.KeyShares;

namespace MpcWallet.Coordinator.Tests.Support;

/// <summary>A real 2-of-3 key (engine run in process), a wallet and a pending signature for it in a coordinator store.</summary>
internal static class SigningFixture
{
    private static readonly Lazy<IReadOnlyDictionary<int, KeyShare>> LazyShares = new(() => EngineRun.KeyGeneration(2, 3));

    public static IReadOnlyDictionary<int, KeyShare> Shares => LazyShares.Value;

    public static byte[] PublicKey => Shares[1].PublicKey.Encode();

    /// <summary>Adds the wallet (once per store) and a pending signature of <paramref name="digest"/>; returns the signature id.</summary>
    public static async Task<string> SeedAsync(CoordinatorStore store, byte[] digest)
    {
        await using var context = store.Open();
        if (!context.Wallets.Any(w => w.Id == "wlt_1"))
        {
            context.Wallets.Add(new WalletRecord
            {
                Id = "wlt_1",
                Tenant = "t",
                Label = "spec",
                Threshold = 2,
                Parties = 3,
                Status = WalletStatus.Active,
                PublicKey = "0x" + Convert.ToHexStringLower(PublicKey),
                ChainCode = "0x" + Convert.ToHexStringLower(Shares[1].RootChainCode),
                Nodes = "node-1,node-2,node-3",
                AllowRawDigest = true,
                CreatedAt = DateTimeOffset.UtcNow,
                Sequence = 1,
            });
        }

        var id = "sig_" + Guid.NewGuid().ToString("N");
        context.Signatures.Add(new SignatureRecord
        {
            Id = id,
            Tenant = "t",
            WalletId = "wlt_1",
            Type = "digest",
            Status = SignatureStatus.Pending,
            Digest = "0x" + Convert.ToHexStringLower(digest),
            PreImage = "",
            DerivationPath = "",
            Nodes = "",
            CreatedAt = DateTimeOffset.UtcNow,
            DeadlineAt = DateTimeOffset.UtcNow.AddMinutes(1),
        });
        await context.SaveChangesAsync();
        return id;
    }

    public static ActiveSession NewSession(string signatureId, params string[] participants) =>
        new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), SessionPurpose.Signing, signatureId, participants);

    public static PartialSignatureSubmitted Partial(IServiceProvider provider, string session, string node, byte[] payload) =>
        TestNodes.Partial(provider, session, node, payload);
}
