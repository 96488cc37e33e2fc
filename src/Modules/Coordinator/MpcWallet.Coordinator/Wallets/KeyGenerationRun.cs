using System.Security.Cryptography;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using MpcWallet.Contracts.Control;
using MpcWallet.Contracts.Events;
using MpcWallet.Coordinator.Configuration;
using MpcWallet.Coordinator.Nodes;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Coordinator.Sessions;
using MpcWallet.Coordinator.Work;
using MpcWallet.Infrastructure.Outbox;

namespace MpcWallet.Coordinator.Wallets;

/// <summary>
/// Creates a wallet's distributed key: all <c>parties</c> nodes run key generation; the wallet becomes active once
/// every one of them reported the same public key, key id and chain code (<see cref="WalletActivation"/>, run by
/// whichever coordinator stores the last report). Failed sessions are retried (with other nodes when the cluster has
/// spare ones) a bounded number of times.
/// </summary>
internal sealed class KeyGenerationRun(CoordinatorStore store, NodeRegistry registry, SessionDriver driver, QuorumWaiter quorum, SessionCompletion completion, CoordinatorOptions options) : IWorkRun
{
    public WorkKind Kind => WorkKind.KeyGeneration;

    public async Task ExecuteAsync(string walletId, CancellationToken cancellationToken)
    {
        // A session of an earlier run (maybe another coordinator's) may have all its reports already.
        await completion.RecoverAsync(walletId, cancellationToken);
        var wallet = await store.LoadWalletAsync(walletId, cancellationToken);
        if (wallet is null || wallet.Status != WalletStatus.Creating)
        {
            return;
        }

        var deadline = wallet.CreatedAt + options.KeyGenerationDeadline;
        var suspects = new HashSet<string>();
        var lastFailure = "no attempt was made";
        while (wallet.Attempts < options.MaxAttempts && DateTimeOffset.UtcNow < deadline)
        {
            var online = await quorum.OnlineAsync(registry.Configured, wallet.Parties, deadline, cancellationToken);
            if (online.Count < wallet.Parties)
            {
                lastFailure = $"only {online.Count} nodes are online, {wallet.Parties} needed for key generation";
                break;
            }

            // Prefer nodes not suspected in an earlier attempt; keep configured order among equals.
            var chosen = online.OrderBy(n => suspects.Contains(n) ? 1 : 0).Take(wallet.Parties).ToArray();
            wallet.Attempts++;
            wallet.Nodes = string.Join(",", chosen);
            await SaveAsync(wallet, cancellationToken);

            var (participants, failure) = await driver.ParticipantsAsync(chosen.Select((n, i) => (n, i + 1)).ToArray(), cancellationToken);
            var outcome = failure;
            var session = new ActiveSession(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), SessionPurpose.KeyGeneration, wallet.Id, chosen);
            if (outcome is null)
            {
                var request = new StartKeyGenerationRequest
                {
                    SessionId = SessionDriver.SessionBytes(session),
                    WalletId = wallet.Id,
                    Threshold = (uint)wallet.Threshold,
                    Policy = new WalletPolicy { AllowRawDigest = wallet.AllowRawDigest },
                };
                request.Participants.AddRange(participants);
                outcome = await driver.RunAsync(session, participants!, new NodeCommand { StartKeyGeneration = request }, cancellationToken);
            }

            if (outcome.Succeeded || await IsFinalAsync(wallet.Id, cancellationToken))
            {
                // Activated by the session's completion (WalletActivation), here or on another coordinator.
                return;
            }

            lastFailure = outcome.Failure ?? "failed";
            suspects.UnionWith(outcome.Suspects);
            wallet.Error = lastFailure;
            await SaveAsync(wallet, cancellationToken);
        }

        await FailAsync(wallet, $"key generation failed after {wallet.Attempts} attempt(s): {lastFailure}", cancellationToken);
    }

    private async Task FailAsync(WalletRecord wallet, string reason, CancellationToken cancellationToken)
    {
        await using (var context = store.Open())
        {
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            // Conditional: a wallet activated meanwhile (a late report, another coordinator) stays active.
            var failed = await context.Wallets
                .Where(w => w.Id == wallet.Id && w.Status == WalletStatus.Creating)
                .ExecuteUpdateAsync(w => w.SetProperty(x => x.Status, WalletStatus.Failed).SetProperty(x => x.Error, reason).SetProperty(x => x.Owner, (string?)null).SetProperty(x => x.LeaseUntil, (long?)null), cancellationToken);
            if (failed == 0)
            {
                return;
            }

            var id = NewId.NextGuid();
            OutboxWriter.Add(context, store, id, new WalletCreationFailed { MessageId = id, WalletId = wallet.Id, Tenant = wallet.Tenant, Reason = reason });
            await context.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        store.OutboxCommitted.Notify();
        store.FinalStateCommitted.Notify();
    }

    private async Task<bool> IsFinalAsync(string id, CancellationToken cancellationToken)
    {
        await using var context = store.Open();
        return await context.Wallets.AnyAsync(w => w.Id == id && w.Status != WalletStatus.Creating, cancellationToken);
    }

    /// <summary>Records attempts, the chosen nodes and the last failure; only while the wallet is being created.</summary>
    private async Task SaveAsync(WalletRecord wallet, CancellationToken cancellationToken)
    {
        await using var context = store.Open();
        await context.Wallets
            .Where(w => w.Id == wallet.Id && w.Status == WalletStatus.Creating)
            .ExecuteUpdateAsync(w => w.SetProperty(x => x.Attempts, wallet.Attempts).SetProperty(x => x.Nodes, wallet.Nodes).SetProperty(x => x.Error, wallet.Error), cancellationToken);
    }
}
