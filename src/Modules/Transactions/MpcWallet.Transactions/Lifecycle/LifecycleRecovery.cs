using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Transactions.Chains;
using MpcWallet.Transactions.Fees;
using MpcWallet.Transactions.Nonces;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Lifecycle;

/// <summary>
/// Start-up, per chain once it is verified: raises nonce rows to the chain's pending count, starts signing for
/// queued transactions that have no attempt yet, and re-sends the requests of attempts still waiting for a signature
/// (same signature ids). Signed, submitted and mined work is picked up by the chain poller from the database.
/// </summary>
internal sealed partial class LifecycleRecovery(TransactionsStore store, ChainRegistry chains, ChainVerification verification, NonceAllocator nonces, ILogger<LifecycleRecovery> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await store.MigrateAsync(stoppingToken);
        if (chains.All.Count == 0)
        {
            // The module runs by default; without chains it only answers its REST API (every transfer is refused).
            LogNoChains();
            return;
        }

        await Task.WhenAll(chains.All.Select(chain => RecoverAsync(chain, stoppingToken)));
    }

    private async Task RecoverAsync(Chain chain, CancellationToken cancellationToken)
    {
        await verification.VerifyAsync(chain, cancellationToken);
        if (chain.State != ChainState.Ready)
        {
            return;
        }

        try
        {
            foreach (var raised in await nonces.ReconcileAsync(chain, cancellationToken))
            {
                LogNonceRaised(chain.Id, raised);
            }

            var chainId = (long)chain.Id;
            var (queued, resent) = await store.WriteAsync(async unit =>
            {
                var waiting = await unit.Context.Transactions.Where(t => t.ChainId == chainId && t.Status == TransactionStatus.Queued).OrderBy(t => t.Nonce).ToListAsync(cancellationToken);
                var started = 0;
                foreach (var tx in waiting)
                {
                    if (!await unit.Context.Attempts.AnyAsync(a => a.TransactionId == tx.Id, cancellationToken))
                    {
                        await SignatureRequests.AddAttemptAsync(unit, tx, new FeeQuote(UInt256.Parse(tx.MaxFeePerGas), UInt256.Parse(tx.MaxPriorityFeePerGas), "fees chosen when the transaction was accepted"), "signature requested (recovery)", AttemptKinds.Original);
                        started++;
                    }
                }

                var signing = await (from a in unit.Context.Attempts
                                     join t in unit.Context.Transactions on a.TransactionId equals t.Id
                                     where t.ChainId == chainId && a.Status == AttemptStatus.Signing && t.Status != TransactionStatus.Failed
                                     select new { Attempt = a, Transaction = t }).ToListAsync(cancellationToken);
                foreach (var pair in signing)
                {
                    SignatureRequests.Request(unit, pair.Transaction, pair.Attempt);
                }

                return (started, signing.Count);
            }, cancellationToken);
            LogRecovered(chain.Id, queued, resent);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRecoveryFailed(chain.Id, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chain {ChainId}: nonce floor raised from the chain ({Change}); is this key used outside MpcWallet?")]
    private partial void LogNonceRaised(ulong chainId, string change);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chain {ChainId}: recovery started signing for {Queued} queued transaction(s) and re-sent {Resent} pending signature request(s)")]
    private partial void LogRecovered(ulong chainId, int queued, int resent);

    [LoggerMessage(Level = LogLevel.Error, Message = "Chain {ChainId}: start-up recovery failed; the chain poller still resumes submitted work")]
    private partial void LogRecoveryFailed(ulong chainId, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Transaction service: no chains configured (Chains:<i>:ChainId, :RpcUrl); it sends nothing and refuses every transfer (configure a chain and restart)")]
    private partial void LogNoChains();
}
