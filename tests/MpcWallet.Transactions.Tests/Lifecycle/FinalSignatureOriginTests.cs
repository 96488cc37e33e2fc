using MpcWallet.Ethereum.Quantities;
using MpcWallet.Testing;
using MpcWallet.Testing.Messaging;
using MpcWallet.Transactions.Monitoring;
using MpcWallet.Transactions.Tests.Support;

namespace MpcWallet.Transactions.Tests.Lifecycle;

/// <summary>
/// The transaction service takes a final signature only from a coordinator instance the cluster manifest lists, signed
/// by that instance's key: an impostor's — even one carrying a valid ECDSA signature by the wallet key — is dropped and
/// counted, and the listed coordinator's answer still completes the transaction.
/// </summary>
public sealed class FinalSignatureOriginTests
{
    [Fact]
    public async Task A_final_signature_from_an_unlisted_coordinator_key_is_refused()
    {
        await using var anvil = await AnvilChain.StartAsync();
        await using var host = await TransactionsTestHost.StartAsync(anvil);
        var (wallet, _) = await host.CreateWalletAsync(UInt256.Parse("1000000000000000000"));
        host.Wallets.Paused = true;
        var (_, posted) = await host.PostTransferAsync(wallet, new { chainId = 31337, to = TransferTests.RandomAddress().ToChecksumString(), value = "1" });
        var id = posted.GetProperty("id").GetString()!;
        await Eventually.TrueAsync(() => Task.FromResult(!host.Wallets.Held.IsEmpty), TimeSpan.FromSeconds(30), "the signature request reaches the coordinator");
        host.Wallets.Held.TryPeek(out var request);
        var badSignature = TransactionMetrics.RefusedFinalSignatures.WithLabels("bad-signature").Value;
        var unknown = TransactionMetrics.RefusedFinalSignatures.WithLabels("unknown-coordinator").Value;

        // Claiming the listed coordinator with another key, and claiming a coordinator the manifest does not list.
        await host.Wallets.Current.AnswerAsImpostorAsync(request!, TestClusterTrust.CoordinatorId, host.Wallets.Trust.Unlisted);
        await host.Wallets.Current.AnswerAsImpostorAsync(request!, "rogue-coordinator", host.Wallets.Trust.Unlisted);

        await Eventually.TrueAsync(
            () => Task.FromResult(TransactionMetrics.RefusedFinalSignatures.WithLabels("bad-signature").Value > badSignature
                && TransactionMetrics.RefusedFinalSignatures.WithLabels("unknown-coordinator").Value > unknown),
            TimeSpan.FromSeconds(30),
            "both forged final signatures are consumed and refused");
        Assert.Equal("signing", (await host.GetTransactionAsync(id)).GetProperty("status").GetString());

        await host.Wallets.ResumeAsync();
        await host.WaitForStatusAsync(id, "confirmed");
    }
}
