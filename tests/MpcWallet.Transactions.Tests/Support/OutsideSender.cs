using MpcWallet.Ethereum.Abi;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rpc;
using MpcWallet.Testing.Processes;
using MpcWallet.Ethereum.Transactions;

namespace MpcWallet.Transactions.Tests.Support;

/// <summary>
/// Sends transactions past the service, signed directly with a <see cref="TestKey"/>: a token issuer deploying and
/// minting, or someone else using a wallet's key at a nonce the service holds.
/// </summary>
internal static class OutsideSender
{
    public static async Task<string> SendAsync(AnvilChain anvil, TestKey key, EthereumAddress? to, byte[] data, ulong? nonce = null, UInt256? maxFee = null, UInt256? tip = null, ulong? gas = null, ulong chainId = 31337)
    {
        var gasLimit = gas ?? await anvil.Client.EstimateGasAsync(new TransactionCallRequest { From = key.Address, To = to, Data = data });
        var transaction = new Eip1559Transaction(
            chainId,
            nonce ?? await anvil.Client.GetTransactionCountAsync(key.Address, BlockParameter.Pending),
            tip ?? (UInt256)1_000_000_000UL,
            maxFee ?? (UInt256)10_000_000_000UL,
            gasLimit,
            to,
            UInt256.Zero,
            data);
        var signed = transaction.Sign(key.Sign(transaction.GetSigningHash()));
        return await anvil.Client.SendRawTransactionAsync(signed);
    }

    /// <summary>Deploys tests/contracts TestToken (the key is its owner) and mints <paramref name="supply"/> to <paramref name="holder"/>.</summary>
    public static async Task<EthereumAddress> DeployTokenAsync(AnvilChain anvil, string symbol, int decimals, EthereumAddress holder, System.Numerics.BigInteger supply)
    {
        var issuer = AnvilAccounts.Key0;
        var hash = await SendAsync(anvil, issuer, null, TestToken.Abi.EncodeDeployment(TestToken.Bytecode, "Test " + symbol, symbol, decimals));
        var token = (await ReceiptAsync(anvil, hash)).ContractAddress ?? throw new InvalidOperationException("no contract address");
        await ReceiptAsync(anvil, await SendAsync(anvil, issuer, token, TestToken.Abi.Function("mint").EncodeCall(holder, supply)));
        return token;
    }

    public static async Task<TransactionReceipt> ReceiptAsync(AnvilChain anvil, string hash)
    {
        TransactionReceipt? receipt = null;
        await Eventually.TrueAsync(async () => (receipt = await anvil.Client.GetTransactionReceiptAsync(hash)) is not null, TimeSpan.FromSeconds(20), $"a receipt for {hash}");
        return receipt!;
    }
}
