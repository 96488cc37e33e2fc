using Microsoft.EntityFrameworkCore;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Rpc;
using MpcWallet.Transactions.Chains;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Nonces;

/// <summary>
/// Nonces per (chain, sender), durable: a row holds the next nonce and is advanced in the same database transaction
/// that stores the transaction holding the nonce (its version column makes a concurrent writer fail instead of
/// duplicating). The chain's pending count is only a floor (seeding and start-up reconciliation), never trusted
/// downwards. A nonce released before broadcast is rewound when it is the newest, else filled (see TransactionFailures).
/// </summary>
internal sealed class NonceAllocator(TransactionsStore store)
{
    /// <summary>Creates the sender's row on first use: max(chain pending count, highest stored nonce + 1).</summary>
    public async Task EnsureSeededAsync(Chain chain, EthereumAddress sender, CancellationToken cancellationToken)
    {
        var key = sender.ToLowerHex();
        var chainId = (long)chain.Id;
        await using (var context = await store.OpenAsync(cancellationToken))
        {
            if (await context.Nonces.AsNoTracking().AnyAsync(n => n.ChainId == chainId && n.Sender == key, cancellationToken))
            {
                return;
            }
        }

        var pending = await chain.Client.GetTransactionCountAsync(sender, BlockParameter.Pending, cancellationToken);
        await store.WriteAsync(async unit =>
        {
            if (await unit.Context.Nonces.AnyAsync(n => n.ChainId == chainId && n.Sender == key, cancellationToken))
            {
                return;
            }

            var checksum = sender.ToChecksumString();
            var highest = await unit.Context.Transactions.Where(t => t.ChainId == chainId && t.From == checksum && t.Nonce != null).MaxAsync(t => t.Nonce, cancellationToken);
            unit.Context.Nonces.Add(new NonceRecord { ChainId = chainId, Sender = key, NextNonce = Math.Max((long)pending, (highest ?? -1) + 1), Version = 0 });
        }, cancellationToken);
    }

    /// <summary>Takes the next nonce inside <paramref name="unit"/> (the row must exist).</summary>
    public static async Task<long> AllocateAsync(UnitOfWork unit, long chainId, EthereumAddress sender)
    {
        var row = await Row(unit, chainId, sender);
        var nonce = row.NextNonce;
        row.NextNonce++;
        row.Version++;
        return nonce;
    }

    /// <summary>The nonce <see cref="AllocateAsync"/> would take next inside <paramref name="unit"/> (the row must exist).</summary>
    public static async Task<long> NextAsync(UnitOfWork unit, long chainId, EthereumAddress sender) => (await Row(unit, chainId, sender)).NextNonce;

    /// <summary>Gives <paramref name="nonce"/> back when nothing above it was handed out; false when it must be filled.</summary>
    public static async Task<bool> TryRewindAsync(UnitOfWork unit, long chainId, EthereumAddress sender, long nonce)
    {
        var row = await Row(unit, chainId, sender);
        if (row.NextNonce != nonce + 1)
        {
            return false;
        }

        row.NextNonce = nonce;
        row.Version++;
        return true;
    }

    /// <summary>Start-up: raises every sender's next nonce to the chain's pending count (a key also used elsewhere).</summary>
    public async Task<IReadOnlyList<string>> ReconcileAsync(Chain chain, CancellationToken cancellationToken)
    {
        List<NonceRecord> rows;
        var chainId = (long)chain.Id;
        await using (var context = await store.OpenAsync(cancellationToken))
        {
            rows = await context.Nonces.AsNoTracking().Where(n => n.ChainId == chainId).ToListAsync(cancellationToken);
        }

        var raised = new List<string>();
        foreach (var row in rows)
        {
            var pending = (long)await chain.Client.GetTransactionCountAsync(EthereumAddress.Parse(row.Sender), BlockParameter.Pending, cancellationToken);
            if (pending <= row.NextNonce)
            {
                continue;
            }

            await store.WriteAsync(async unit =>
            {
                var tracked = await unit.Context.Nonces.FirstAsync(n => n.ChainId == chainId && n.Sender == row.Sender, cancellationToken);
                if (tracked.NextNonce < pending)
                {
                    raised.Add($"{row.Sender}: {tracked.NextNonce} → {pending}");
                    tracked.NextNonce = pending;
                    tracked.Version++;
                }
            }, cancellationToken);
        }

        return raised;
    }

    private static async Task<NonceRecord> Row(UnitOfWork unit, long chainId, EthereumAddress sender)
    {
        var key = sender.ToLowerHex();
        return await unit.Context.Nonces.FirstOrDefaultAsync(n => n.ChainId == chainId && n.Sender == key)
            ?? throw new InvalidOperationException($"no nonce row for {key} on chain {chainId}");
    }
}
