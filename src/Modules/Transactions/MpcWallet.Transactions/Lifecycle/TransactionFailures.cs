using Microsoft.EntityFrameworkCore;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Transactions.Fees;
using MpcWallet.Transactions.Nonces;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Lifecycle;

/// <summary>
/// Ends a transaction that never reached a node (failed, or cancelled by its caller) and gives its nonce back so no
/// gap is left: rewound when it was the newest nonce handed out, otherwise taken over by a 0-value self-transfer (a
/// nonce filler) that goes through the normal signing and broadcast path.
/// </summary>
internal static class TransactionFailures
{
    /// <param name="status">Failed, or cancelled when the caller cancelled it before anything was broadcast.</param>
    public static async Task FailBeforeBroadcastAsync(UnitOfWork unit, TransactionRecord transaction, string reason, string status = TransactionStatus.Failed)
    {
        var nonce = transaction.Nonce;
        transaction.Error = reason;
        transaction.Final = true;
        await StatusTransitions.MoveAsync(unit, transaction, status, status == TransactionStatus.Cancelled ? "cancelled before broadcast" : "failed before broadcast", reason);
        if (nonce is not { } n)
        {
            return;
        }

        transaction.Nonce = null;
        await unit.Context.SaveChangesAsync(); // frees the nonce in the unique index before a filler may take it
        var sender = EthereumAddress.Parse(transaction.From);
        if (await NonceAllocator.TryRewindAsync(unit, transaction.ChainId, sender, n))
        {
            await StatusTransitions.RecordAsync(unit, transaction, "nonce released", null, $"nonce {n} returned to the allocator (nothing above it was handed out)");
            return;
        }

        var latest = await unit.Context.Attempts.Where(a => a.TransactionId == transaction.Id).OrderByDescending(a => a.Number).FirstOrDefaultAsync();
        var fees = new FeeQuote(
            UInt256.Parse(latest?.MaxFeePerGas ?? transaction.MaxFeePerGas),
            UInt256.Parse(latest?.MaxPriorityFeePerGas ?? transaction.MaxPriorityFeePerGas),
            $"fees of the failed {transaction.Id}");
        var filler = new TransactionRecord
        {
            Id = "tx_" + Guid.CreateVersion7().ToString("N"),
            Tenant = transaction.Tenant,
            WalletId = transaction.WalletId,
            Kind = TransactionKinds.NonceFiller,
            ChainId = transaction.ChainId,
            From = transaction.From,
            DerivationPath = transaction.DerivationPath,
            To = transaction.From,
            Value = "0",
            Data = "0x",
            GasLimit = 21_000,
            MaxFeePerGas = fees.MaxFeePerGas.ToString(),
            MaxPriorityFeePerGas = fees.MaxPriorityFeePerGas.ToString(),
            Nonce = n,
            Status = TransactionStatus.Queued,
            CreatedAt = unit.Now,
            UpdatedAt = unit.Now,
            Sequence = unit.Store.NextSequence(),
        };
        unit.Context.Transactions.Add(filler);
        await StatusTransitions.RecordAsync(unit, transaction, "nonce released", null, $"nonce {n} is filled by {filler.Id} (later nonces are already handed out)");
        await StatusTransitions.CreatedAsync(unit, filler, "nonce filler queued", $"0-value self-transfer holding nonce {n} released by {transaction.Id}");
        await SignatureRequests.AddAttemptAsync(unit, filler, fees, "signature requested", AttemptKinds.Original);
    }
}
