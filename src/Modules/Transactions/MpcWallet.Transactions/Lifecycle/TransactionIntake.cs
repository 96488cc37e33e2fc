using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Infrastructure.Http;
using MpcWallet.Infrastructure.Telemetry;
using MpcWallet.Transactions.Chains;
using MpcWallet.Transactions.Nonces;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Lifecycle;

/// <summary>
/// Accepts a transaction: <see cref="IntakeChecks"/> settle gas and fees and refuse anything doomed — all before a
/// nonce is taken, and a refusal stores nothing — then, in one unit, the nonce, the transaction, its idempotency key,
/// the audit entry and the first signature request.
/// </summary>
internal sealed class TransactionIntake(TransactionsStore store, NonceAllocator nonces)
{
    public async Task<IntakeResult> AcceptAsync(WalletRecord wallet, Chain chain, TransactionRequest request, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var (from, senderProblem) = SenderAddress.Of(wallet, request.DerivationPath);
        if (from is null)
        {
            return IntakeResult.Invalid("derivationPath", senderProblem!);
        }

        var fingerprint = request.Fingerprint();
        var (plan, refusal) = await IntakeChecks.RunAsync(chain, from, request, cancellationToken);
        if (plan is null)
        {
            return refusal!;
        }

        await nonces.EnsureSeededAsync(chain, from, cancellationToken);
        return await store.WriteAsync(async unit =>
        {
            var existing = await FindAsync(unit.Context, wallet, idempotencyKey, fingerprint, cancellationToken);
            if (existing is not null)
            {
                return existing;
            }

            if (request.Nonce is { } expected && await NonceAllocator.NextAsync(unit, (long)chain.Id, from) is var next && next != expected)
            {
                return IntakeResult.Invalid("nonce", $"nonce {expected} is not the wallet's next nonce {next} on chain {chain.Id}; leave the nonce out (the service assigns it), and replace a pending transaction with its speedup or cancel");
            }

            var nonce = await NonceAllocator.AllocateAsync(unit, (long)chain.Id, from);
            var transaction = NewRecord(unit, wallet, from, chain, request, plan, nonce);
            unit.Context.Transactions.Add(transaction);
            if (idempotencyKey is not null)
            {
                IdempotencyKeys.Add(unit.Context, wallet.Tenant, Operation(wallet), idempotencyKey, fingerprint, transaction.Id, unit.Now);
            }

            var gas = request.GasLimit is null ? " (estimated + margin)" : "";
            var waits = request.AllowBelowBaseFee ? "; maxFeePerGas may be below the base fee (the caller allows it to wait)" : "";
            await StatusTransitions.CreatedAsync(unit, transaction, "accepted", $"{request.Kind}: nonce {nonce}, gas limit {plan.GasLimit}{gas}; simulated at the pending block{waits}");
            await SignatureRequests.AddAttemptAsync(unit, transaction, plan.Fees, "signature requested", AttemptKinds.Original);
            return IntakeResult.Created(transaction.Id);
        }, cancellationToken);
    }

    /// <summary>The transaction an earlier request with this key created; a conflict when its body differed.</summary>
    public static async Task<IntakeResult?> FindAsync(TransactionsDbContext context, WalletRecord wallet, string? key, string fingerprint, CancellationToken cancellationToken)
    {
        if (key is null)
        {
            return null;
        }

        var (match, transactionId) = await IdempotencyKeys.FindAsync(context, wallet.Tenant, Operation(wallet), key, fingerprint, cancellationToken);
        return match switch
        {
            IdempotencyMatch.Same => IntakeResult.Existing(transactionId!),
            IdempotencyMatch.Different => IntakeResult.Conflict("this Idempotency-Key was already used with a different request body"),
            _ => null,
        };
    }

    private static TransactionRecord NewRecord(UnitOfWork unit, WalletRecord wallet, EthereumAddress from, Chain chain, TransactionRequest request, IntakePlan plan, long nonce) => new()
    {
        Id = "tx_" + Guid.CreateVersion7().ToString("N"),
        TraceParent = TraceParent.Current(),
        Tenant = wallet.Tenant,
        WalletId = wallet.Id,
        Kind = request.Kind,
        ChainId = (long)chain.Id,
        From = from.ToChecksumString(),
        DerivationPath = request.DerivationPath.Count == 0 ? null : Mpc.Derivation.DerivationPath.Format(request.DerivationPath),
        To = request.To.ToChecksumString(),
        Value = request.Value.ToString(),
        Data = HexBytes.ToHex(request.Data),
        Details = plan.Details?.ToJson(),
        GasLimit = (long)plan.GasLimit,
        MaxFeePerGas = plan.Fees.MaxFeePerGas.ToString(),
        MaxPriorityFeePerGas = plan.Fees.MaxPriorityFeePerGas.ToString(),
        Nonce = nonce,
        Status = TransactionStatus.Queued,
        CreatedAt = unit.Now,
        UpdatedAt = unit.Now,
        Sequence = unit.Store.NextSequence(),
    };

    /// <summary>A key is scoped to the wallet it sends from (the wallet id, as stored since version 1).</summary>
    private static string Operation(WalletRecord wallet) => wallet.Id;
}
