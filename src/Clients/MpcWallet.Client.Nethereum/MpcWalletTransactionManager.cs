using System.Globalization;
using System.Numerics;
using MpcWallet.Client.Transactions;
using Nethereum.Hex.HexTypes;
using Nethereum.Model;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.RPC.TransactionManagers;
using ServiceTransaction = MpcWallet.Client.Transactions.Transaction;

namespace MpcWallet.Client.Nethereum;

/// <summary>
/// Sends Nethereum's <see cref="TransactionInput"/> through <c>POST /v1/wallets/{id}/transactions</c> and returns the
/// hash once the service has submitted it. Gas and fees given on the input are passed on (a legacy gas price becomes
/// max fee = tip = gas price); omitted ones are left to the service. Contract creation, caller-chosen nonces and
/// signing without sending are refused: the service does not offer them.
/// </summary>
public sealed class MpcWalletTransactionManager : TransactionManagerBase
{
    private readonly MpcWalletClient _client;
    private readonly MpcWalletAccount _account;
    private readonly MpcWalletAccountOptions _options;

    internal MpcWalletTransactionManager(MpcWalletClient client, MpcWalletAccount account, MpcWalletAccountOptions options)
    {
        _client = client;
        _account = account;
        _options = options;
        Account = account;
        ChainId = account.ChainId;
    }

    public override BigInteger DefaultGas { get; set; } = 21_000;

    /// <summary>The service's transaction resource of the last transaction this manager sent (for callers who want its id).</summary>
    public ServiceTransaction? LastTransaction { get; private set; }

    public override async Task<string> SendTransactionAsync(TransactionInput transactionInput)
    {
        ArgumentNullException.ThrowIfNull(transactionInput);
        var request = ToRequest(transactionInput);
        var accepted = await _client.Transactions.CreateAsync(_account.WalletId, request).ConfigureAwait(false);
        LastTransaction = accepted.Hash is not null && accepted.Status is ServiceTransaction.Submitted or ServiceTransaction.Confirmed
            ? accepted
            : accepted.Status is ServiceTransaction.Failed or ServiceTransaction.Cancelled
                ? throw new MpcWalletOperationFailedException("transaction", accepted.Id, accepted.Error)
                : await _client.Transactions.WaitUntilSubmittedAsync(accepted.Id, _options.SubmissionTimeout).ConfigureAwait(false);
        return LastTransaction.Hash!;
    }

    public override Task<string> SignTransactionAsync(TransactionInput transaction) =>
        throw new NotSupportedException("MpcWallet signs only transactions it submits itself (SendTransactionAsync); it does not hand out signed raw transactions.");

    public override Task<Authorisation> SignAuthorisationAsync(Authorisation authorisation) =>
        throw new NotSupportedException("MpcWallet does not sign EIP-7702 authorisations.");

    private TransferRequest ToRequest(TransactionInput input)
    {
        if (input.From is { Length: > 0 } from && !string.Equals(from, _account.Address, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"The transaction is from {from}, but this account is {_account.Address}.", nameof(input));
        }

        if (string.IsNullOrEmpty(input.To))
        {
            throw new NotSupportedException("The MpcWallet transaction endpoint does not deploy contracts (no 'to' address).");
        }

        if (input.Nonce is not null)
        {
            throw new NotSupportedException("The MpcWallet service assigns nonces; leave TransactionInput.Nonce unset.");
        }

        if (input.ChainId is { } chain && chain.Value != _account.ChainId)
        {
            throw new ArgumentException($"The transaction is for chain {chain.Value}, this account for chain {_account.ChainId}.", nameof(input));
        }

        if (input.AccessList is { Count: > 0 } || input.AuthorisationList is { Count: > 0 })
        {
            throw new NotSupportedException("The MpcWallet transaction endpoint takes no access or authorisation lists.");
        }

        var maxFee = Value(input.MaxFeePerGas) ?? Value(input.GasPrice);
        var tip = Value(input.MaxPriorityFeePerGas) ?? Value(input.GasPrice);
        return new TransferRequest
        {
            ChainId = _account.ChainId,
            To = input.To,
            Value = Value(input.Value) ?? BigInteger.Zero,
            Data = string.IsNullOrEmpty(input.Data) ? null : (input.Data.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? input.Data : "0x" + input.Data).ToLower(CultureInfo.InvariantCulture),
            GasLimit = Value(input.Gas),
            MaxFeePerGas = maxFee,
            MaxPriorityFeePerGas = tip,
        };
    }

    private static BigInteger? Value(HexBigInteger? value) => value?.Value;
}
