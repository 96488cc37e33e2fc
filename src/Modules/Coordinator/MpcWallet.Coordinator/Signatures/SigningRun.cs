using System.Security.Cryptography;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using MpcWallet.Contracts.Control;
using MpcWallet.Contracts.Events;
using MpcWallet.Coordinator.Configuration;
using MpcWallet.Coordinator.Monitoring;
using MpcWallet.Coordinator.Nodes;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Coordinator.Sessions;
using MpcWallet.Coordinator.Work;
using MpcWallet.Ethereum.Signing;
using MpcWallet.Infrastructure.Outbox;

namespace MpcWallet.Coordinator.Signatures;

/// <summary>
/// Produces one signature: picks t online holders of the wallet (never a node the wallet's participants banned,
/// <see cref="WalletSuspects"/>; nodes suspected in earlier attempts of this request last, <see cref="SigningQuorum"/>),
/// runs a signing session, aggregates the t partials, checks the result recovers to the wallet's (derived) key,
/// persists it and publishes it on <c>signatures_final</c> and <c>events</c> (<see cref="SignatureFinalizer"/>, run by
/// whichever coordinator stores the last partial). A failed session is aborted and retried with another quorum, at
/// most <see cref="CoordinatorOptions.MaxAttempts"/> times (counted in the store, so a coordinator taking the request
/// over continues the count) and within the deadline.
/// </summary>
internal sealed class SigningRun(CoordinatorStore store, SessionDriver driver, QuorumWaiter quorum, SessionCompletion completion, WalletSuspects walletSuspects, CoordinatorOptions options) : IWorkRun
{
    public WorkKind Kind => WorkKind.Signing;

    public async Task ExecuteAsync(string signatureId, CancellationToken cancellationToken)
    {
        // A session of an earlier run (maybe another coordinator's) may have all its partials already.
        await completion.RecoverAsync(signatureId, cancellationToken);
        SignatureRecord? signature;
        WalletRecord? wallet;
        await using (var context = store.Open())
        {
            signature = await context.Signatures.AsNoTracking().FirstOrDefaultAsync(s => s.Id == signatureId, cancellationToken);
            wallet = signature is null ? null : await context.Wallets.AsNoTracking().FirstOrDefaultAsync(w => w.Id == signature.WalletId, cancellationToken);
        }

        if (signature is null || signature.Status != SignatureStatus.Pending)
        {
            return;
        }

        if (wallet is null || wallet.Status != WalletStatus.Active || wallet.PublicKey is null || wallet.ChainCode is null)
        {
            await FailAsync(signature, "the wallet is not active", cancellationToken);
            return;
        }

        var digest = Convert.FromHexString(signature.Digest[2..]);
        if (SigningPreImageText.Read(signature.Type, signature.PreImage, signature.Digest) is not { } preImage)
        {
            await FailAsync(signature, $"the stored {signature.Type} pre-image is unreadable", cancellationToken);
            return;
        }

        var path = signature.PathIndices;
        var holders = wallet.NodeList;
        var suspects = new HashSet<string>();
        var lastFailure = "no attempt was made";
        while (signature.Attempts < options.MaxAttempts && DateTimeOffset.UtcNow < signature.DeadlineAt)
        {
            // Suspects are read again before every attempt: another request on the wallet may have recorded one meanwhile.
            var excluded = await walletSuspects.ExcludedAsync(wallet.Id, cancellationToken);
            var online = await quorum.OnlineAsync(holders.Where(h => !excluded.Contains(h)).ToArray(), wallet.Threshold, signature.DeadlineAt, cancellationToken);
            if (SigningQuorum.Choose(online, wallet.Threshold, excluded, suspects) is not { } chosen)
            {
                var left = excluded.Count == 0 ? "" : $", {string.Join(", ", excluded.Order())} excluded after a failed protocol check until the wallet's key is refreshed";
                lastFailure = $"only {online.Count} of the wallet's {holders.Count} nodes are online ({string.Join(", ", online.DefaultIfEmpty("none"))}{left}); {wallet.Threshold} are needed";
                break;
            }

            signature.Attempts++;
            var session = new ActiveSession(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), SessionPurpose.Signing, signature.Id, chosen);
            var (participants, outcome) = await driver.ParticipantsAsync(chosen.Select(n => (n, holders.ToList().IndexOf(n) + 1)).ToArray(), cancellationToken);
            if (outcome is null)
            {
                var request = new StartSigningRequest
                {
                    SessionId = SessionDriver.SessionBytes(session),
                    WalletId = wallet.Id,
                    KeyVersion = (uint)wallet.KeyVersion,
                    Digest = Google.Protobuf.ByteString.CopyFrom(digest),
                    PreImage = PreImageCommand.ToCommand(preImage),
                };
                request.DerivationPath.AddRange(path);
                request.Participants.AddRange(participants);
                // The attempt is counted with the session record (one write): a coordinator taking over continues the count.
                outcome = await driver.RunAsync(session, participants!, new NodeCommand { StartSigning = request }, cancellationToken, context => CountAttempt(context, signature));
            }

            if (outcome.Succeeded || await IsFinalAsync(signature.Id, cancellationToken))
            {
                // Finalized (by this session's completion, or already before it): nothing left to do.
                return;
            }

            lastFailure = outcome.Failure ?? "failed";
            if (outcome.CommandRefused)
            {
                // The nodes refused what is signed (pre-image or wallet policy): every quorum would.
                break;
            }

            suspects.UnionWith(outcome.Suspects);
            foreach (var banned in outcome.Banned)
            {
                await walletSuspects.RecordAsync(wallet.Id, wallet.KeyVersion, banned, lastFailure, session.Key, cancellationToken);
            }

            if (outcome.Busy)
            {
                // A node's budget of sessions with a peer before their OT-extension check was used up (other requests
                // on this wallet are signing): not an attempt, just a short wait.
                signature.Attempts--;
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(20, 200)), cancellationToken);
            }

            signature.Error = lastFailure;
            await SaveAsync(signature, cancellationToken);
        }

        if (DateTimeOffset.UtcNow >= signature.DeadlineAt)
        {
            lastFailure = $"deadline passed; last failure: {lastFailure}";
        }

        await FailAsync(signature, $"signing failed after {signature.Attempts} attempt(s): {lastFailure}", cancellationToken);
    }

    private async Task FailAsync(SignatureRecord signature, string reason, CancellationToken cancellationToken)
    {
        var completedAt = DateTimeOffset.UtcNow;
        await using (var context = store.Open())
        {
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            // Conditional: a signature another coordinator (or a late session) completed stays completed.
            var failed = await context.Signatures
                .Where(s => s.Id == signature.Id && s.Status == SignatureStatus.Pending)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(x => x.Status, SignatureStatus.Failed).SetProperty(x => x.Error, reason).SetProperty(x => x.CompletedAt, completedAt)
                        .SetProperty(x => x.Owner, (string?)null).SetProperty(x => x.LeaseUntil, (long?)null),
                    cancellationToken);
            if (failed == 0)
            {
                return;
            }

            var id = NewId.NextGuid();
            OutboxWriter.Add(context, store, id, new SignatureFailed { MessageId = id, SignatureId = signature.Id, WalletId = signature.WalletId, Tenant = signature.Tenant, Reason = reason });
            await context.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        CoordinatorMetrics.ObserveSignature(SignatureStatus.Failed, completedAt - signature.CreatedAt);

        store.OutboxCommitted.Notify();
        store.FinalStateCommitted.Notify();
    }

    /// <summary>Records attempts and the last failure; only while the signature is pending.</summary>
    private async Task SaveAsync(SignatureRecord signature, CancellationToken cancellationToken)
    {
        await using var context = store.Open();
        await context.Signatures
            .Where(s => s.Id == signature.Id && s.Status == SignatureStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Attempts, signature.Attempts).SetProperty(x => x.Error, signature.Error), cancellationToken);
    }

    private static void CountAttempt(CoordinatorDbContext context, SignatureRecord signature)
    {
        var entry = context.Signatures.Attach(signature);
        entry.Property(s => s.Attempts).IsModified = true;
    }

    private async Task<bool> IsFinalAsync(string id, CancellationToken cancellationToken)
    {
        await using var context = store.Open();
        return await context.Signatures.AnyAsync(s => s.Id == id && s.Status != SignatureStatus.Pending, cancellationToken);
    }
}
