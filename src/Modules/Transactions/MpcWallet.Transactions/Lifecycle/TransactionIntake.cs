using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rpc;
using MpcWallet.Infrastructure.Http;
using MpcWallet.Transactions.Chains;
using MpcWallet.Transactions.Fees;
using MpcWallet.Transactions.Nonces;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Lifecycle;

/// <summary>
/// Accepts a transaction: gas (estimate + margin) and fees (market, capped) when absent, the balance check — all
/// before a nonce is taken — then, in one unit, the nonce, the transaction, its idempotency key, the audit entry and
/// the first signature request. Checks that fail before the nonce record a failed transaction without one.
/// </summary>
internal sealed class TransactionIntake(TransactionsStore store, NonceAllocator nonces)
{
    public async Task<IntakeResult> AcceptAsync(WalletRecord wallet, Chain chain, TransactionRequest request, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var from = EthereumAddress.Parse(wallet.Address);
        var fingerprint = request.Fingerprint();
        ulong gasLimit;
        FeeQuote fees;
        UInt256 balance;
        try
        {
            gasLimit = request.GasLimit ?? chain.FeePolicy.WithMargin(await chain.Client.EstimateGasAsync(
                new TransactionCallRequest { From = from, To = request.To, Value = request.Value, Data = request.Data }, null, cancellationToken));
            fees = await FeesAsync(chain, request, cancellationToken);
            balance = await chain.Client.GetBalanceAsync(from, BlockParameter.Latest, cancellationToken);
        }
        catch (InsufficientFundsException e)
        {
            return await RecordRefusedAsync(wallet, chain, request, idempotencyKey, fingerprint, request.GasLimit ?? 21_000, null, $"insufficient funds: {e.Message}", cancellationToken);
        }
        catch (ExecutionRevertedException e)
        {
            return IntakeResult.Unprocessable("The transaction would revert.", $"gas estimation reverted: {RevertReasons.Decode(e.RevertData) ?? e.Message}");
        }
        catch (EthereumRpcException e)
        {
            return IntakeResult.Unprocessable("The node refused the transaction.", $"gas estimation failed: {e.Message}");
        }
        catch (Exception e) when (e is EthereumRpcTransportException or EthereumRpcResponseException)
        {
            return IntakeResult.Unavailable($"chain {chain.Id}: the node did not answer ({e.Message})");
        }

        if (fees.MaxFeePerGas > chain.FeePolicy.MaxFeePerGasCap)
        {
            return IntakeResult.Invalid("maxFeePerGas", $"maxFeePerGas exceeds the chain's fee cap of {chain.FeePolicy.MaxFeePerGasCap} wei");
        }

        var required = request.Value + (fees.MaxFeePerGas * gasLimit);
        if (balance < required)
        {
            return await RecordRefusedAsync(wallet, chain, request, idempotencyKey, fingerprint, gasLimit, fees,
                $"insufficient funds: balance {balance} wei < value + gasLimit × maxFeePerGas = {required} wei", cancellationToken);
        }

        await nonces.EnsureSeededAsync(chain, from, cancellationToken);
        return await store.WriteAsync(async unit =>
        {
            var existing = await FindAsync(unit.Context, wallet, idempotencyKey, fingerprint, cancellationToken);
            if (existing is not null)
            {
                return existing;
            }

            var nonce = await NonceAllocator.AllocateAsync(unit, (long)chain.Id, from);
            var transaction = NewRecord(unit, wallet, chain, request, gasLimit, fees, TransactionStatus.Queued, nonce, null);
            unit.Context.Transactions.Add(transaction);
            AddKey(unit, wallet, idempotencyKey, fingerprint, transaction.Id);
            await StatusTransitions.CreatedAsync(unit, transaction, "accepted", $"nonce {nonce}, gas limit {gasLimit}{(request.GasLimit is null ? " (estimated + margin)" : "")}");
            await SignatureRequests.AddAttemptAsync(unit, transaction, fees, "signature requested");
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

    private static async Task<FeeQuote> FeesAsync(Chain chain, TransactionRequest request, CancellationToken cancellationToken)
    {
        if (request.MaxFeePerGas is { } maxFee && request.MaxPriorityFeePerGas is { } tip)
        {
            return new FeeQuote(maxFee, tip, "given by the client");
        }

        var market = await FeeEstimator.QuoteAsync(chain.Client, chain.FeePolicy, cancellationToken);
        if (request.MaxFeePerGas is { } onlyMax)
        {
            return new FeeQuote(onlyMax, market.MaxPriorityFeePerGas < onlyMax ? market.MaxPriorityFeePerGas : onlyMax, $"maxFeePerGas given by the client; tip from {market.Basis}");
        }

        if (request.MaxPriorityFeePerGas is { } onlyTip)
        {
            var max = market.MaxFeePerGas - market.MaxPriorityFeePerGas + onlyTip;
            return new FeeQuote(max, onlyTip, $"maxPriorityFeePerGas given by the client; maxFee from {market.Basis}");
        }

        return market;
    }

    private async Task<IntakeResult> RecordRefusedAsync(WalletRecord wallet, Chain chain, TransactionRequest request, string? key, string fingerprint, ulong gasLimit, FeeQuote? fees, string reason, CancellationToken cancellationToken) =>
        await store.WriteAsync(async unit =>
        {
            var existing = await FindAsync(unit.Context, wallet, key, fingerprint, cancellationToken);
            if (existing is not null)
            {
                return existing;
            }

            var transaction = NewRecord(unit, wallet, chain, request, gasLimit, fees ?? new FeeQuote(request.MaxFeePerGas ?? UInt256.Zero, request.MaxPriorityFeePerGas ?? UInt256.Zero, "not estimated"), TransactionStatus.Failed, null, reason);
            unit.Context.Transactions.Add(transaction);
            AddKey(unit, wallet, key, fingerprint, transaction.Id);
            await StatusTransitions.CreatedAsync(unit, transaction, "refused before a nonce was taken", reason);
            return IntakeResult.Refused(transaction.Id, reason);
        }, cancellationToken);

    private static TransactionRecord NewRecord(UnitOfWork unit, WalletRecord wallet, Chain chain, TransactionRequest request, ulong gasLimit, FeeQuote fees, string status, long? nonce, string? error) => new()
    {
        Id = "tx_" + Guid.CreateVersion7().ToString("N"),
        Tenant = wallet.Tenant,
        WalletId = wallet.Id,
        Kind = TransactionKinds.Transfer,
        ChainId = (long)chain.Id,
        From = wallet.Address,
        To = request.To.ToChecksumString(),
        Value = request.Value.ToString(),
        Data = HexBytes.ToHex(request.Data),
        GasLimit = (long)gasLimit,
        MaxFeePerGas = fees.MaxFeePerGas.ToString(),
        MaxPriorityFeePerGas = fees.MaxPriorityFeePerGas.ToString(),
        Nonce = nonce,
        Status = status,
        Error = error,
        CreatedAt = unit.Now,
        UpdatedAt = unit.Now,
        Sequence = unit.Store.NextSequence(),
    };

    private static void AddKey(UnitOfWork unit, WalletRecord wallet, string? key, string fingerprint, string transactionId)
    {
        if (key is not null)
        {
            IdempotencyKeys.Add(unit.Context, wallet.Tenant, Operation(wallet), key, fingerprint, transactionId, unit.Now);
        }
    }

    /// <summary>A key is scoped to the wallet it sends from (the wallet id, as stored since version 1).</summary>
    private static string Operation(WalletRecord wallet) => wallet.Id;
}
