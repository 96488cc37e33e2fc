using MassTransit;
using Microsoft.EntityFrameworkCore;
using MpcWallet.Contracts.SignatureRequests;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Signing;
using MpcWallet.Transactions.Fees;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Lifecycle;

/// <summary>
/// Starts an attempt: builds the EIP-1559 transaction with the given fees, stores the attempt with its signing hash,
/// and queues a <see cref="SignatureRequested"/> for the coordinator (outbox, same unit) carrying the unsigned
/// transaction, so the nodes see what they sign. The signature id is ours,
/// so re-sending the request after a restart can never produce a second signature.
/// </summary>
internal static class SignatureRequests
{
    /// <param name="kind">An <see cref="AttemptKinds"/> value.</param>
    /// <param name="cancels">The attempt is the 0-value self-transfer that takes the nonce in place of the transaction.</param>
    public static async Task<AttemptRecord> AddAttemptAsync(UnitOfWork unit, TransactionRecord transaction, FeeQuote fees, string action, string kind, bool cancels = false)
    {
        var number = await unit.Context.Attempts.CountAsync(a => a.TransactionId == transaction.Id) + 1;
        var unsigned = UnsignedTransactions.Build(transaction, cancels, fees.MaxFeePerGas, fees.MaxPriorityFeePerGas);
        var attempt = new AttemptRecord
        {
            Id = "att_" + Guid.CreateVersion7().ToString("N"),
            TransactionId = transaction.Id,
            Number = number,
            SignatureId = "sig_" + Guid.NewGuid().ToString("N"),
            SigningHash = HexBytes.ToHex(unsigned.GetSigningHash()),
            MaxFeePerGas = fees.MaxFeePerGas.ToString(),
            MaxPriorityFeePerGas = fees.MaxPriorityFeePerGas.ToString(),
            Status = AttemptStatus.Signing,
            Kind = kind,
            Cancels = cancels,
            CreatedAt = unit.Now,
            RequestedAt = unit.Now,
        };
        unit.Context.Attempts.Add(attempt);
        Request(unit, transaction, attempt);
        var shape = cancels ? " (cancels: 0-value self-transfer)" : "";
        var detail = $"attempt {number} ({kind}){shape}: maxFeePerGas {fees.MaxFeePerGas}, maxPriorityFeePerGas {fees.MaxPriorityFeePerGas}; {fees.Basis}; signing hash {attempt.SigningHash}";
        if (transaction.Status == TransactionStatus.Queued)
        {
            await StatusTransitions.MoveAsync(unit, transaction, TransactionStatus.Signing, action, detail);
        }
        else
        {
            await StatusTransitions.RecordAsync(unit, transaction, action, null, detail);
        }

        return attempt;
    }

    /// <summary>
    /// (Re-)sends the request of an attempt still waiting for its signature, with the unsigned transaction as the
    /// pre-image: the coordinator and every node hash it again and refuse a digest that differs.
    /// </summary>
    public static void Request(UnitOfWork unit, TransactionRecord transaction, AttemptRecord attempt)
    {
        attempt.RequestedAt = unit.Now;
        var unsigned = UnsignedTransactions.Build(transaction, attempt);
        var id = NewId.NextGuid();
        unit.Publish(id, new SignatureRequested
        {
            MessageId = id,
            SignatureId = attempt.SignatureId,
            WalletId = transaction.WalletId,
            Tenant = transaction.Tenant,
            Digest = attempt.SigningHash,
            DerivationPath = transaction.DerivationPath,
            PreImageKind = SigningPreImageText.Transaction,
            PreImage = HexBytes.ToHex(unsigned.GetSigningPayload()),
            Purpose = $"transaction:{transaction.Id}:attempt:{attempt.Number}",
            RequestedAt = unit.Now,
        });
    }
}
