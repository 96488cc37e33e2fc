using Microsoft.EntityFrameworkCore;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Gas;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rpc;
using MpcWallet.Infrastructure.Http;
using MpcWallet.Transactions.Chains;
using MpcWallet.Transactions.Fees;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Lifecycle;

/// <summary>
/// Cancel and speed-up asked for through the API: a new attempt at the same nonce — the transaction with higher fees,
/// or a 0-value self-transfer without data that takes the nonce instead — whose fees pass geth's replacement rule
/// against every earlier attempt (given ones are checked, otherwise both are bumped by the policy or to the market).
/// A transaction nothing was broadcast of yet is cancelled at once (its nonce released); a mined, confirmed,
/// cancelled or failed one cannot be replaced (409), nor one whose previous attempt is still being signed.
/// Every request is in the audit chain; an Idempotency-Key makes it happen once.
/// </summary>
internal sealed class Replacements(TransactionsStore store)
{
    public async Task<IntakeResult> RequestAsync(TransactionRecord snapshot, Chain chain, ReplacementRequest request, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var fingerprint = request.Fingerprint();
        List<AttemptRecord> attempts;
        await using (var context = await store.OpenAsync(cancellationToken))
        {
            if (await FindAsync(context, snapshot, request, idempotencyKey, fingerprint, cancellationToken) is { } earlier)
            {
                return earlier;
            }

            attempts = await context.Attempts.AsNoTracking().Where(a => a.TransactionId == snapshot.Id).OrderBy(a => a.Number).ToListAsync(cancellationToken);
        }

        if (Refusal(snapshot, attempts, request) is { } refusal)
        {
            return refusal;
        }

        var signed = attempts.Any(a => a.Hash is not null && a.Status != AttemptStatus.Rejected);
        if (!signed)
        {
            return await CancelBeforeBroadcastAsync(snapshot, request, idempotencyKey, fingerprint, cancellationToken);
        }

        var cancels = request.Kind == AttemptKinds.Cancel || Live(attempts)!.Cancels;
        FeeQuote fees;
        try
        {
            var (chosen, problem) = await FeesAsync(chain, attempts, request, cancellationToken);
            if (chosen is null)
            {
                return problem!;
            }

            fees = chosen;
            var gas = cancels ? IntrinsicGas.TransactionCost : (ulong)snapshot.GasLimit;
            var required = (cancels ? UInt256.Zero : UInt256.Parse(snapshot.Value)) + (fees.MaxFeePerGas * gas);
            var balance = await chain.Client.GetBalanceAsync(EthereumAddress.Parse(snapshot.From), BlockParameter.Latest, cancellationToken);
            if (balance < required)
            {
                return IntakeResult.Unprocessable("Insufficient funds.", $"insufficient funds for the replacement: balance {balance} wei < {required} wei");
            }
        }
        catch (Exception e) when (e is EthereumRpcException or EthereumRpcTransportException or EthereumRpcResponseException)
        {
            return IntakeResult.Unavailable($"chain {chain.Id}: the node did not answer ({e.Message})");
        }

        return await store.WriteAsync(async unit =>
        {
            if (await FindAsync(unit.Context, snapshot, request, idempotencyKey, fingerprint, cancellationToken) is { } earlier)
            {
                return earlier;
            }

            var tx = await unit.Context.Transactions.FirstAsync(t => t.Id == snapshot.Id, cancellationToken);
            var current = await unit.Context.Attempts.Where(a => a.TransactionId == tx.Id).OrderBy(a => a.Number).ToListAsync(cancellationToken);
            if (Refusal(tx, current, request) is { } late)
            {
                return late;
            }

            var (highestMaxFee, highestTip) = HighestFees(current);
            if (!ReplacementRule.Replaces(highestMaxFee, highestTip, fees.MaxFeePerGas, fees.MaxPriorityFeePerGas))
            {
                return IntakeResult.Conflict("another attempt with higher fees was added meanwhile; ask again");
            }

            AddKey(unit, tx, request, idempotencyKey, fingerprint);
            var action = request.Kind == AttemptKinds.Cancel ? "cancel requested" : "speed-up requested";
            await SignatureRequests.AddAttemptAsync(unit, tx, fees, $"{action} through the API", request.Kind, cancels);
            return IntakeResult.Created(tx.Id);
        }, cancellationToken);
    }

    /// <summary>The highest maxFee and tip among the attempts that may be pending somewhere (signed and not refused).</summary>
    public static (UInt256 MaxFee, UInt256 Tip) HighestFees(IEnumerable<AttemptRecord> attempts)
    {
        var maxFee = UInt256.Zero;
        var tip = UInt256.Zero;
        foreach (var attempt in attempts.Where(a => a.Hash is not null && a.Status != AttemptStatus.Rejected))
        {
            var attemptMax = UInt256.Parse(attempt.MaxFeePerGas);
            var attemptTip = UInt256.Parse(attempt.MaxPriorityFeePerGas);
            maxFee = attemptMax > maxFee ? attemptMax : maxFee;
            tip = attemptTip > tip ? attemptTip : tip;
        }

        return (maxFee, tip);
    }

    /// <summary>Why the transaction cannot be replaced now (409), or null.</summary>
    private static IntakeResult? Refusal(TransactionRecord tx, IReadOnlyList<AttemptRecord> attempts, ReplacementRequest request)
    {
        if (TransactionStatus.IsSettled(tx.Status))
        {
            return IntakeResult.Conflict($"transaction {tx.Id} is {tx.Status}; it can no longer be {(request.Kind == AttemptKinds.Cancel ? "cancelled" : "sped up")}");
        }

        if (tx.BlockHash is not null)
        {
            return IntakeResult.Conflict($"transaction {tx.Id} is already mined in block {tx.BlockNumber}; it can no longer be replaced");
        }

        if (request.Kind == AttemptKinds.Cancel && attempts.FirstOrDefault(a => a.Cancels && a.Status != AttemptStatus.Rejected) is { } pending)
        {
            return IntakeResult.Conflict($"attempt {pending.Number} already cancels transaction {tx.Id}; speed it up with POST /v1/transactions/{tx.Id}/speedup");
        }

        var busy = attempts.FirstOrDefault(a => a.Status == AttemptStatus.Signed || (a.Status == AttemptStatus.Signing && attempts.Any(b => b.Hash is not null && b.Status != AttemptStatus.Rejected)));
        if (busy is not null)
        {
            return IntakeResult.Conflict($"attempt {busy.Number} is still being signed or sent; ask again once it is broadcast");
        }

        var signed = attempts.Any(a => a.Hash is not null && a.Status != AttemptStatus.Rejected);
        if (!signed && request.Kind == AttemptKinds.SpeedUp)
        {
            return IntakeResult.Conflict($"nothing of transaction {tx.Id} has been broadcast yet; there is nothing to speed up");
        }

        if (!signed && request.MaxFeePerGas is not null)
        {
            return IntakeResult.Invalid("maxFeePerGas", "nothing has been broadcast yet: the transaction is cancelled at once, without a replacement to pay fees for");
        }

        return null;
    }

    private static AttemptRecord? Live(IReadOnlyList<AttemptRecord> attempts) => attempts.LastOrDefault(a => a.Hash is not null && a.Status != AttemptStatus.Rejected);

    private static async Task<(FeeQuote? Fees, IntakeResult? Problem)> FeesAsync(Chain chain, IReadOnlyList<AttemptRecord> attempts, ReplacementRequest request, CancellationToken cancellationToken)
    {
        var (previousMaxFee, previousTip) = HighestFees(attempts);
        if (request.MaxFeePerGas is { } maxFee && request.MaxPriorityFeePerGas is { } tip)
        {
            if (maxFee > chain.FeePolicy.MaxFeePerGasCap)
            {
                return (null, IntakeResult.Invalid("maxFeePerGas", $"maxFeePerGas exceeds the chain's fee cap of {chain.FeePolicy.MaxFeePerGasCap} wei"));
            }

            if (maxFee < ReplacementRule.Minimum(previousMaxFee))
            {
                return (null, IntakeResult.Invalid("maxFeePerGas", $"a replacement needs maxFeePerGas ≥ {ReplacementRule.Minimum(previousMaxFee)} wei (the highest earlier attempt's {previousMaxFee} + {ReplacementRule.PriceBumpPercent} %, and above it)"));
            }

            if (tip < ReplacementRule.Minimum(previousTip))
            {
                return (null, IntakeResult.Invalid("maxPriorityFeePerGas", $"a replacement needs maxPriorityFeePerGas ≥ {ReplacementRule.Minimum(previousTip)} wei (the highest earlier attempt's {previousTip} + {ReplacementRule.PriceBumpPercent} %, and above it)"));
            }

            return (new FeeQuote(maxFee, tip, $"given by the client (earlier attempts up to maxFee {previousMaxFee} / tip {previousTip})"), null);
        }

        var market = await FeeEstimator.QuoteAsync(chain.Client, chain.FeePolicy, cancellationToken);
        var bumped = FeeBump.Next(chain.FeePolicy, previousMaxFee, previousTip, market);
        return bumped is null
            ? (null, IntakeResult.Unprocessable("No valid replacement within the fee cap.", $"a replacement needs fees above maxFee {previousMaxFee} / tip {previousTip} by at least {chain.FeePolicy.ReplacementBumpPerMille / 10.0:0.#} %, which the chain's fee cap of {chain.FeePolicy.MaxFeePerGasCap} wei does not leave"))
            : (bumped, null);
    }

    private async Task<IntakeResult> CancelBeforeBroadcastAsync(TransactionRecord snapshot, ReplacementRequest request, string? idempotencyKey, string fingerprint, CancellationToken cancellationToken) =>
        await store.WriteAsync(async unit =>
        {
            if (await FindAsync(unit.Context, snapshot, request, idempotencyKey, fingerprint, cancellationToken) is { } earlier)
            {
                return earlier;
            }

            var tx = await unit.Context.Transactions.FirstAsync(t => t.Id == snapshot.Id, cancellationToken);
            var current = await unit.Context.Attempts.Where(a => a.TransactionId == tx.Id).ToListAsync(cancellationToken);
            if (Refusal(tx, current, request) is { } late)
            {
                return late;
            }

            if (current.Any(a => a.Hash is not null && a.Status != AttemptStatus.Rejected))
            {
                return IntakeResult.Conflict("an attempt was signed meanwhile; ask again");
            }

            foreach (var attempt in current.Where(a => a.Status == AttemptStatus.Signing))
            {
                // A signature arriving later finds the attempt rejected and is ignored: nothing is ever broadcast.
                attempt.Status = AttemptStatus.Rejected;
                attempt.Error = "cancelled before it was signed";
            }

            AddKey(unit, tx, request, idempotencyKey, fingerprint);
            await TransactionFailures.FailBeforeBroadcastAsync(unit, tx, "cancelled through the API before anything was broadcast", TransactionStatus.Cancelled);
            return IntakeResult.Created(tx.Id);
        }, cancellationToken);

    private static async Task<IntakeResult?> FindAsync(TransactionsDbContext context, TransactionRecord tx, ReplacementRequest request, string? key, string fingerprint, CancellationToken cancellationToken)
    {
        if (key is null)
        {
            return null;
        }

        var (match, _) = await IdempotencyKeys.FindAsync(context, tx.Tenant, Operation(tx, request), key, fingerprint, cancellationToken);
        return match switch
        {
            IdempotencyMatch.Same => IntakeResult.Existing(tx.Id),
            IdempotencyMatch.Different => IntakeResult.Conflict("this Idempotency-Key was already used with a different request body"),
            _ => null,
        };
    }

    private static void AddKey(UnitOfWork unit, TransactionRecord tx, ReplacementRequest request, string? key, string fingerprint)
    {
        if (key is not null)
        {
            IdempotencyKeys.Add(unit.Context, tx.Tenant, Operation(tx, request), key, fingerprint, tx.Id, unit.Now);
        }
    }

    /// <summary>A key is scoped to the transaction and the operation (cancel or speed-up).</summary>
    private static string Operation(TransactionRecord tx, ReplacementRequest request) => $"{tx.Id}/{request.Kind}";
}
