using System.Text.Json;
using MpcWallet.Ethereum.Abi;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Transactions.Lifecycle;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Api;

/// <summary>
/// Strict parsing of the create body: chainId a positive JSON integer; kind one of transfer (default), erc20Transfer,
/// contractCall, and only the members of that kind; addresses (mixed case must carry a correct EIP-55 checksum);
/// amounts and the gas fields decimal strings within 256 bits (gasLimit 21000 – 2^63−1); data 0x hex; contract calls
/// encoded from their ABI (<see cref="ContractCallParser"/>). Every problem is reported per field, all at once.
/// </summary>
internal static class TransactionRequestParser
{
    private const int MaxDataBytes = 128 * 1024;

    private static readonly AbiFunction Erc20Transfer = AbiFunction.Parse("function transfer(address to, uint256 value) returns (bool)");

    /// <summary>ERC-6093's standard ERC-20 errors (OpenZeppelin Contracts 5 and others), so a token's revert decodes by name.</summary>
    private static readonly AbiError[] Erc20Errors =
    [
        AbiError.Parse("error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)"),
        AbiError.Parse("error ERC20InvalidSender(address sender)"),
        AbiError.Parse("error ERC20InvalidReceiver(address receiver)"),
        AbiError.Parse("error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)"),
        AbiError.Parse("error ERC20InvalidApprover(address approver)"),
        AbiError.Parse("error ERC20InvalidSpender(address spender)"),
    ];

    public static (TransactionRequest? Request, Dictionary<string, string[]> Errors) Parse(JsonElement body)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = ["the body must be a JSON object"];
            return (null, errors);
        }

        ulong chainId = 0;
        if (!RequestFields.Has(body, "chainId"))
        {
            errors["chainId"] = ["chainId is required"];
        }
        else if (body.GetProperty("chainId") is var chain && (chain.ValueKind != JsonValueKind.Number || !chain.TryGetUInt64(out chainId) || chainId == 0))
        {
            errors["chainId"] = ["chainId must be a positive integer"];
        }

        ulong? gasLimit = null;
        if (RequestFields.Amount(body, "gasLimit", errors, "gas") is { } gas)
        {
            if (gas < 21_000 || gas > long.MaxValue)
            {
                errors["gasLimit"] = ["gasLimit must be between 21000 and 9223372036854775807"];
            }
            else
            {
                gasLimit = (ulong)gas;
            }
        }

        var (maxFee, tip) = RequestFields.Fees(body, errors);
        var allowBelowBaseFee = RequestFields.Flag(body, "allowBelowBaseFee", errors);
        var kind = TransactionKinds.Transfer;
        if (RequestFields.Has(body, "kind"))
        {
            var kindElement = body.GetProperty("kind");
            kind = kindElement.ValueKind == JsonValueKind.String ? kindElement.GetString()! : "";
        }

        var path = RequestFields.DerivationPath(body, errors);
        TransactionRequest? request = kind switch
        {
            TransactionKinds.Transfer => Transfer(body, chainId, errors),
            TransactionKinds.Erc20Transfer => TokenTransfer(body, chainId, errors),
            TransactionKinds.ContractCall => ContractCall(body, chainId, errors),
            _ => Unknown(errors),
        };
        return errors.Count > 0 || request is null
            ? (null, errors)
            : (request with { GasLimit = gasLimit, MaxFeePerGas = maxFee, MaxPriorityFeePerGas = tip, AllowBelowBaseFee = allowBelowBaseFee, DerivationPath = path }, errors);
    }

    private static TransactionRequest? Transfer(JsonElement body, ulong chainId, Dictionary<string, string[]> errors)
    {
        RequestFields.Refuse(body, TransactionKinds.Transfer, errors, "token", "amount", "abi", "function", "args");
        var to = RequestFields.Address(body, "to", errors);
        var value = RequestFields.Amount(body, "value", errors) ?? UInt256.Zero;
        byte[] data = [];
        if (RequestFields.Has(body, "data"))
        {
            var dataElement = body.GetProperty("data");
            if (dataElement.ValueKind != JsonValueKind.String || !HexBytes.TryParse(dataElement.GetString(), out var parsed))
            {
                errors["data"] = ["data must be 0x-prefixed hex with an even number of digits"];
            }
            else if (parsed.Length > MaxDataBytes)
            {
                errors["data"] = [$"data must be at most {MaxDataBytes} bytes"];
            }
            else
            {
                data = parsed;
            }
        }

        return to is null ? null : new TransactionRequest(chainId, to, value, data, null, null, null);
    }

    private static TransactionRequest? TokenTransfer(JsonElement body, ulong chainId, Dictionary<string, string[]> errors)
    {
        RequestFields.Refuse(body, TransactionKinds.Erc20Transfer, errors, "value", "data", "abi", "function", "args");
        var token = RequestFields.Address(body, "token", errors);
        var recipient = RequestFields.Address(body, "to", errors);
        var amount = RequestFields.Amount(body, "amount", errors, "the token's base units");
        if (amount is null && !errors.ContainsKey("amount"))
        {
            errors["amount"] = ["amount is required (a decimal string in the token's base units)"];
        }

        if (token is null || recipient is null || amount is not { } tokens)
        {
            return null;
        }

        var data = Erc20Transfer.EncodeCall(recipient, tokens.ToBigInteger());
        return new TransactionRequest(chainId, token, UInt256.Zero, data, null, null, null)
        {
            Kind = TransactionKinds.Erc20Transfer,
            TokenRecipient = recipient,
            TokenAmount = tokens,
            CustomErrors = Erc20Errors,
        };
    }

    private static TransactionRequest? ContractCall(JsonElement body, ulong chainId, Dictionary<string, string[]> errors)
    {
        RequestFields.Refuse(body, TransactionKinds.ContractCall, errors, "data", "token", "amount");
        var to = RequestFields.Address(body, "to", errors);
        var value = RequestFields.Amount(body, "value", errors) ?? UInt256.Zero;
        var call = ContractCallParser.Parse(body, errors);
        if (call is not null && !value.IsZero && call.Function.StateMutability != "payable")
        {
            errors["value"] = [$"{call.Function.Signature} is {call.Function.StateMutability}, not payable: it takes no value"];
        }

        return to is null || call is null
            ? null
            : new TransactionRequest(chainId, to, value, call.Data, null, null, null)
            {
                Kind = TransactionKinds.ContractCall,
                Call = call.Details,
                CustomErrors = call.CustomErrors,
                ErrorItems = call.ErrorItems,
            };
    }

    private static TransactionRequest? Unknown(Dictionary<string, string[]> errors)
    {
        errors["kind"] = [$"kind must be one of {TransactionKinds.Transfer}, {TransactionKinds.Erc20Transfer}, {TransactionKinds.ContractCall}"];
        return null;
    }
}
