using MpcWallet.Ethereum.Signatures;
using MpcWallet.Ethereum.Signing;
using MpcWallet.Ethereum.Transactions;
using MpcWallet.Transactions.Chains;
using MpcWallet.Transactions.Configuration;

namespace MpcWallet.Transactions.Rpc;

/// <summary>
/// <c>eth_signTransaction</c>: signs a fully specified EIP-1559 transaction and returns it RLP-encoded, without
/// sending or tracking it. The nodes see what they sign (the unsigned transaction is the pre-image, not a raw digest),
/// but the result escapes what the service does for the wallet's transactions — its nonces, simulation, audit trail
/// and tracking — so it is served only on wallets created with <c>allowRawDigest</c>, which can sign any digest
/// anyway (a transaction's signing hash included): it adds no power there. Elsewhere it is -32004. Nothing is filled
/// in: nonce, gas and both fees are required (the service would otherwise pick a nonce it does not reserve).
/// </summary>
internal sealed class RpcSignedTransactions(MessageSignatures signatures, TransactionsOptions options)
{
    public async Task<RpcOutcome> SignAsync(WalletRpcContext context, Chain chain, JsonRpcRequest call, CancellationToken cancellationToken)
    {
        if (!context.Wallet.AllowRawDigest)
        {
            return RpcOutcome.Fail(JsonRpcError.MethodNotSupported(
                "eth_signTransaction returns a signed transaction the service does not send or track (no nonce reservation, simulation or audit); only a wallet created with allowRawDigest serves it. Use eth_sendTransaction"));
        }

        var (request, problem) = SendTransactionParams.Read(context, chain, call);
        if (request is null)
        {
            return RpcOutcome.Fail(problem!);
        }

        if (request is not { Nonce: { } nonce, GasLimit: { } gas, MaxFeePerGas: { } maxFee, MaxPriorityFeePerGas: { } priorityFee })
        {
            return RpcOutcome.Fail(JsonRpcError.InvalidParams("eth_signTransaction needs nonce, gas, maxFeePerGas and maxPriorityFeePerGas: nothing is filled in for a transaction the service does not send"));
        }

        var transaction = new Eip1559Transaction(chain.Id, (ulong)nonce, priorityFee, maxFee, gas, request.To, request.Value, request.Data);
        var (signature, error) = await signatures.SignAsync(context.Wallet, SigningPreImage.Eip1559Transaction(transaction.GetSigningPayload()), "rpc:eth_signTransaction", options.RpcWait, cancellationToken);
        if (signature is null)
        {
            return RpcOutcome.Fail(error!);
        }

        var signed = transaction.Sign(Signature.FromRecoverable(signature.AsSpan(0, 32), signature.AsSpan(32, 32), signature[64] - 27));
        return RpcOutcome.Ok(Ethereum.Quantities.HexBytes.ToHex(signed.RawBytes.Span));
    }
}
