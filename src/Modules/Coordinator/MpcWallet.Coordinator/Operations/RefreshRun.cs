using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MpcWallet.Contracts.Control;
using MpcWallet.Coordinator.Configuration;
using MpcWallet.Coordinator.Nodes;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Coordinator.Sessions;
using MpcWallet.Coordinator.Work;

namespace MpcWallet.Coordinator.Operations;

/// <summary>
/// Runs a refresh operation (docs/design-lifecycle.md, "Refresh"): a session of purpose refresh among every holder of
/// the wallet at its party index (<c>StartRefresh</c>, signed like every command), whose reports switch the wallet's
/// generation (<see cref="WalletRefresh"/>, run by whichever coordinator stores the last report); then the holders are
/// told to commit it (<see cref="GenerationCommits"/>). A failed session is retried a bounded number of times within
/// <see cref="CoordinatorOptions.RefreshDeadline"/>; while a holder is offline the run waits for it (a refresh needs
/// all of them). Whatever fails before the switch leaves the wallet on its generation: nodes ignore their pending
/// result, and a retry replaces it.
/// </summary>
internal sealed partial class RefreshRun(CoordinatorStore store, SessionDriver driver, QuorumWaiter quorum, SessionCompletion completion, GenerationCommits commits, CoordinatorOptions options, ILogger<RefreshRun> logger) : IWorkRun
{
    private static readonly TimeSpan CommitRetryDelay = TimeSpan.FromSeconds(1);

    public WorkKind Kind => WorkKind.Refresh;

    public async Task ExecuteAsync(string operationId, CancellationToken cancellationToken)
    {
        // A session of an earlier run (maybe another coordinator's) may have all its reports already.
        await completion.RecoverAsync(operationId, cancellationToken);
        var (operation, wallet) = await LoadAsync(operationId, cancellationToken);
        if (operation is null || operation.Status != OperationStatus.Pending)
        {
            return;
        }

        if (wallet is not { Status: WalletStatus.Active } || wallet.KeyVersion != operation.KeyVersion - 1)
        {
            await FailAsync(operation, wallet is null ? "the wallet is missing" : $"wallet {wallet.Id} is {wallet.Status} at generation {WalletRecord.GenerationOf(wallet.KeyVersion)}; this refresh was for generation {WalletRecord.GenerationOf(operation.KeyVersion - 1)}", cancellationToken);
            return;
        }

        var deadline = operation.CreatedAt + options.RefreshDeadline;
        var holders = wallet.NodeList;
        var lastFailure = "no attempt was made";
        while (operation.Attempts < options.MaxAttempts && DateTimeOffset.UtcNow < deadline)
        {
            var online = await quorum.OnlineAsync(holders, holders.Count, deadline, cancellationToken);
            if (online.Count < holders.Count)
            {
                // Not an attempt: every holder is needed, so wait for the missing ones until the deadline.
                lastFailure = $"{string.Join(", ", holders.Except(online))} offline; a refresh needs every holder of the wallet ({string.Join(", ", holders)})";
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
                continue;
            }

            operation.Attempts++;
            var session = new ActiveSession(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), SessionPurpose.Refresh, operation.Id, holders);
            var (participants, outcome) = await driver.ParticipantsAsync(holders.Select((n, i) => (n, i + 1)).ToArray(), cancellationToken);
            if (outcome is null)
            {
                var request = new StartRefreshRequest { SessionId = SessionDriver.SessionBytes(session), WalletId = wallet.Id, KeyVersion = checked((uint)wallet.KeyVersion) };
                request.Participants.AddRange(participants);
                LogStarting(operation.Id, wallet.Id, WalletRecord.GenerationOf(wallet.KeyVersion), operation.Attempts);
                outcome = await driver.RunAsync(session, participants!, new NodeCommand { StartRefresh = request }, cancellationToken, context => CountAttempt(context, operation));
            }

            if (outcome.Succeeded || await IsCompletedAsync(operation.Id, cancellationToken))
            {
                // Not under the run's token: the lease renewal cancels the run as soon as it sees the operation
                // completed, and the commits must still go out (bounded on their own; repeated at a node's next start).
                using var commitTime = new CancellationTokenSource(options.ControlCallTimeout * 4);
                await CommitAsync(operation, wallet, commitTime.Token);
                return;
            }

            lastFailure = outcome.Failure ?? "failed";
            if (outcome.Unreachable)
            {
                // A holder that cannot be reached (killed before its heartbeats stopped, or restarted while the
                // channel to it still backs off) is waited for like an offline one, not counted as an attempt:
                // otherwise the attempts are gone within a second and the refresh fails although the holder is back.
                operation.Attempts--;
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }

            operation.Error = lastFailure;
            await SaveAsync(operation, cancellationToken);
        }

        if (DateTimeOffset.UtcNow >= deadline)
        {
            lastFailure = $"deadline passed; last failure: {lastFailure}";
        }

        await FailAsync(operation, $"refresh failed after {operation.Attempts} attempt(s): {lastFailure}", cancellationToken);
    }

    /// <summary>After the switch: every holder commits the new generation; the ones that did not answer are asked again a few times.</summary>
    private async Task CommitAsync(OperationRecord operation, WalletRecord wallet, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> pending = wallet.NodeList;
        try
        {
            for (var round = 0; round < 3 && pending.Count > 0; round++)
            {
                if (round > 0)
                {
                    await Task.Delay(CommitRetryDelay, cancellationToken);
                }

                pending = await commits.SendAsync(wallet.Id, operation.KeyVersion, pending, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Out of time: the ones left get the commit at their next start, or with their next signing command.
        }

        LogCompleted(operation.Id, wallet.Id, WalletRecord.GenerationOf(operation.KeyVersion), pending.Count == 0 ? "every holder" : $"all but {string.Join(", ", pending)} (at their next start)");
    }

    private async Task<(OperationRecord? Operation, WalletRecord? Wallet)> LoadAsync(string id, CancellationToken cancellationToken)
    {
        await using var context = store.Open();
        var operation = await context.Operations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        var wallet = operation is null ? null : await context.Wallets.AsNoTracking().FirstOrDefaultAsync(w => w.Id == operation.WalletId, cancellationToken);
        return (operation, wallet);
    }

    private async Task FailAsync(OperationRecord operation, string reason, CancellationToken cancellationToken)
    {
        await using (var context = store.Open())
        {
            // Conditional: an operation a late report completed (here or elsewhere) stays completed.
            await context.Operations
                .Where(o => o.Id == operation.Id && o.Status == OperationStatus.Pending)
                .ExecuteUpdateAsync(o => o.SetProperty(x => x.Status, OperationStatus.Failed).SetProperty(x => x.Error, reason).SetProperty(x => x.CompletedAt, DateTimeOffset.UtcNow).SetProperty(x => x.Owner, (string?)null).SetProperty(x => x.LeaseUntil, (long?)null), cancellationToken);
        }

        LogFailed(operation.Id, operation.WalletId, reason);
        store.FinalStateCommitted.Notify();
    }

    /// <summary>Records attempts and the last failure; only while the operation is pending.</summary>
    private async Task SaveAsync(OperationRecord operation, CancellationToken cancellationToken)
    {
        await using var context = store.Open();
        await context.Operations
            .Where(o => o.Id == operation.Id && o.Status == OperationStatus.Pending)
            .ExecuteUpdateAsync(o => o.SetProperty(x => x.Attempts, operation.Attempts).SetProperty(x => x.Error, operation.Error), cancellationToken);
    }

    private static void CountAttempt(CoordinatorDbContext context, OperationRecord operation)
    {
        var entry = context.Operations.Attach(operation);
        entry.Property(o => o.Attempts).IsModified = true;
    }

    private async Task<bool> IsCompletedAsync(string id, CancellationToken cancellationToken)
    {
        await using var context = store.Open();
        return await context.Operations.AnyAsync(o => o.Id == id && o.Status == OperationStatus.Completed, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "refresh {Operation} of wallet {Wallet} (generation {Generation}): attempt {Attempt} starting")]
    private partial void LogStarting(string operation, string wallet, long generation, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "refresh {Operation}: wallet {Wallet} switched to generation {Generation}; committed by {Committed}")]
    private partial void LogCompleted(string operation, string wallet, long generation, string committed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "refresh {Operation} of wallet {Wallet} failed: {Reason}; the wallet keeps signing with its generation")]
    private partial void LogFailed(string operation, string wallet, string reason);
}
