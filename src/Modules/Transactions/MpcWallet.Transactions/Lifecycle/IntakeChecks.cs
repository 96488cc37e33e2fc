using System.Numerics;
using MpcWallet.Ethereum.Abi;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rpc;
using MpcWallet.Transactions.Api;
using MpcWallet.Transactions.Chains;
using MpcWallet.Transactions.Fees;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Lifecycle;

/// <summary>
/// Everything that could doom a transaction, checked before anything is stored, a nonce taken or a signature asked
/// for; each refusal is a 4xx problem and leaves nothing behind. In order: a given gas limit below the intrinsic gas
/// or calldata floor, or above the EIP-7825 cap (400); a token or contract without code (422); gas (estimated +
/// margin, kept inside what a block allows, or a given one above the block gas limit: 400); fees (market, or given:
/// above the policy cap 400; maxFee below the next block's base fee 422 unless the caller allows it to wait);
/// balance ≥ value + gasLimit × maxFeePerGas (422); the call simulated at the pending block with its gas limit (a
/// revert, or a token answering false: 422 with the decoded reason).
/// </summary>
internal static class IntakeChecks
{
    public static async Task<(IntakePlan? Plan, IntakeResult? Refusal)> RunAsync(Chain chain, EthereumAddress from, TransactionRequest request, CancellationToken cancellationToken)
    {
        if (request.GasLimit is { } given && GasLimits.ProblemWith(given, request) is { } gasProblem)
        {
            return (null, IntakeResult.Invalid("gasLimit", gasProblem));
        }

        try
        {
            KindDetails? details = null;
            if (request.Kind != TransactionKinds.Transfer)
            {
                if (!await TokenMetadata.HasCodeAsync(chain, request.To, cancellationToken))
                {
                    return (null, IntakeResult.Unprocessable("No contract at that address.", $"{request.To.ToChecksumString()} has no code on chain {chain.Id}; a {request.Kind} to it would do nothing."));
                }

                details = await DetailsAsync(chain, request, cancellationToken);
            }

            var block = await chain.Client.GetBlockByNumberAsync(BlockParameter.Latest, cancellationToken)
                ?? throw new EthereumRpcResponseException("eth_getBlockByNumber(latest) answered null");
            ulong gasLimit;
            if (request.GasLimit is { } fixedGas)
            {
                if (GasLimits.ProblemWithBlock(fixedGas, block.GasLimit) is { } blockProblem)
                {
                    return (null, IntakeResult.Invalid("gasLimit", blockProblem));
                }

                gasLimit = fixedGas;
            }
            else
            {
                var estimate = await chain.Client.EstimateGasAsync(new TransactionCallRequest { From = from, To = request.To, Value = request.Value, Data = request.Data }, null, cancellationToken);
                gasLimit = GasLimits.Fit(chain.FeePolicy.WithMargin(estimate), request, block.GasLimit);
            }

            var fees = await FeesAsync(chain, request, cancellationToken);
            if (fees.MaxFeePerGas > chain.FeePolicy.MaxFeePerGasCap)
            {
                return (null, IntakeResult.Invalid("maxFeePerGas", $"maxFeePerGas exceeds the chain's fee cap of {chain.FeePolicy.MaxFeePerGasCap} wei"));
            }

            var baseFee = fees.NextBaseFee ?? await FeeEstimator.NextBaseFeeAsync(chain.Client, cancellationToken);
            if (fees.MaxFeePerGas < baseFee && !request.AllowBelowBaseFee)
            {
                return (null, IntakeResult.Unprocessable(
                    "maxFeePerGas is below the base fee.",
                    $"maxFeePerGas {fees.MaxFeePerGas} wei ({fees.Basis}) is below the next block's base fee of {baseFee} wei: it cannot be mined now. Raise it, or send \"allowBelowBaseFee\": true to let it wait for the base fee to fall.",
                    new Dictionary<string, object?> { ["baseFeePerGas"] = baseFee.ToString(), ["maxFeePerGas"] = fees.MaxFeePerGas.ToString() }));
            }

            var required = request.Value + (fees.MaxFeePerGas * gasLimit);
            var balance = await chain.Client.GetBalanceAsync(from, BlockParameter.Pending, cancellationToken);
            if (balance < required)
            {
                return (null, InsufficientFunds($"balance {balance} wei < value + gasLimit × maxFeePerGas = {request.Value} + {gasLimit} × {fees.MaxFeePerGas} = {required} wei"));
            }

            var (output, revert) = await Simulation.RunAsync(chain, from, request, gasLimit, cancellationToken);
            if (revert is not null)
            {
                return (null, Reverted(revert, "the simulation (eth_call at the pending block)"));
            }

            if (request.Kind == TransactionKinds.Erc20Transfer && output is { Length: 32 } && new BigInteger(output, isUnsigned: true, isBigEndian: true).IsZero)
            {
                return (null, IntakeResult.Unprocessable("The token refused the transfer.", $"transfer({request.TokenRecipient!.ToChecksumString()}, {request.TokenAmount}) returned false in the simulation."));
            }

            return (new IntakePlan(gasLimit, fees, details), null);
        }
        catch (ExecutionRevertedException e)
        {
            return (null, Reverted(Simulation.Decode(e, request.CustomErrors), "gas estimation"));
        }
        catch (InsufficientFundsException e)
        {
            return (null, InsufficientFunds(e.Message));
        }
        catch (EthereumRpcException e)
        {
            return (null, IntakeResult.Unprocessable("The node refused the transaction.", $"chain {chain.Id}: {e.Message}"));
        }
        catch (Exception e) when (e is EthereumRpcTransportException or EthereumRpcResponseException)
        {
            return (null, IntakeResult.Unavailable($"chain {chain.Id}: the node did not answer ({e.Message})"));
        }
    }

    private static async Task<KindDetails> DetailsAsync(Chain chain, TransactionRequest request, CancellationToken cancellationToken)
    {
        if (request.Kind != TransactionKinds.Erc20Transfer)
        {
            return new KindDetails { Call = request.Call, Errors = request.ErrorItems.Count > 0 ? request.ErrorItems : null };
        }

        var (symbol, decimals) = await TokenMetadata.ReadAsync(chain, request.To, cancellationToken);
        return new KindDetails
        {
            Token = new TokenTransferDetails(request.To.ToChecksumString(), symbol, decimals, request.TokenRecipient!.ToChecksumString(), request.TokenAmount.ToString()),
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
            return new FeeQuote(onlyMax, market.MaxPriorityFeePerGas < onlyMax ? market.MaxPriorityFeePerGas : onlyMax, $"maxFeePerGas given by the client; tip from {market.Basis}") { NextBaseFee = market.NextBaseFee };
        }

        if (request.MaxPriorityFeePerGas is { } onlyTip)
        {
            var max = market.MaxFeePerGas - market.MaxPriorityFeePerGas + onlyTip;
            return new FeeQuote(max, onlyTip, $"maxPriorityFeePerGas given by the client; maxFee from {market.Basis}") { NextBaseFee = market.NextBaseFee };
        }

        return market;
    }

    private static IntakeResult InsufficientFunds(string detail) => IntakeResult.Unprocessable("Insufficient funds.", "insufficient funds: " + detail);

    private static IntakeResult Reverted(RevertReason revert, string where) => IntakeResult.Unprocessable(
        "The transaction would revert.",
        $"{where} reverted: {revert.Description}",
        new Dictionary<string, object?> { ["revertReason"] = revert.Description, ["revertData"] = HexBytes.ToHex(revert.Data) });
}
