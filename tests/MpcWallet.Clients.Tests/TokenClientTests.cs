using System.Net;
using System.Numerics;
using System.Text.Json;
using MpcWallet.Client;
using MpcWallet.Client.Transactions;
using MpcWallet.Clients.Tests.Support;
using MpcWallet.Testing.Processes;
using Nethereum.Hex.HexTypes;
using Nethereum.Signer;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace MpcWallet.Clients.Tests;

/// <summary>MpcWallet.Client's token transfers, contract calls and cancel against the real host (2-of-3 wallet) and Anvil.</summary>
[Collection(ClientHostCollection.Name)]
public sealed class TokenClientTests(ClientHost host)
{
    /// <summary>Anvil's public development key 0 (deploys and mints the test token).</summary>
    private const string DevKey0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    [Fact]
    public async Task An_erc20_transfer_and_a_contract_call_through_the_rest_client_move_tokens_and_a_final_transaction_cannot_be_cancelled()
    {
        var artifact = TestFiles.TestToken();
        var abi = artifact.GetProperty("abi").GetRawText();
        var issuer = new Web3(new Account(DevKey0, (int)AnvilChain.ChainId), host.Anvil.Endpoint.ToString());
        var deployment = await issuer.Eth.DeployContract.SendRequestAndWaitForReceiptAsync(abi, artifact.GetProperty("bytecode").GetString(), issuer.TransactionManager.Account.Address, new HexBigInteger(3_000_000), null, "Rest Token", "RST", (byte)2);
        var token = deployment.ContractAddress;
        var contract = issuer.Eth.GetContract(abi, token);
        await contract.GetFunction("mint").SendTransactionAndWaitForReceiptAsync(issuer.TransactionManager.Account.Address, new HexBigInteger(200_000), null, null, host.Wallet.Address, new BigInteger(10_000));
        var recipient = EthECKey.GenerateKey().GetPublicAddress();

        var sent = await host.Client.Transactions.CreateAsync(host.Wallet.Id, new Erc20TransferRequest { ChainId = AnvilChain.ChainId, Token = token, To = recipient, Amount = 1_234 });
        var transfer = await host.Client.Transactions.WaitUntilFinalAsync(sent.Id, TimeSpan.FromSeconds(90));
        Assert.Equal(Transaction.Confirmed, transfer.Status);
        Assert.Equal("RST", transfer.Token!.Symbol);
        Assert.Equal(2, transfer.Token.Decimals);
        Assert.Equal(1_234, transfer.Token.Amount);

        var called = await host.Client.Transactions.CreateAsync(host.Wallet.Id, new ContractCallRequest
        {
            ChainId = AnvilChain.ChainId,
            To = token,
            Abi = JsonDocument.Parse(abi).RootElement,
            Function = "transfer(address,uint256)",
            Args = ContractCallRequest.Arguments(recipient, "66"),
        });
        var call = await host.Client.Transactions.WaitUntilFinalAsync(called.Id, TimeSpan.FromSeconds(90));
        Assert.Equal(Transaction.Confirmed, call.Status);
        Assert.Equal("transfer(address,uint256)", call.Call!.Function);
        Assert.Equal(new BigInteger(1_300), await contract.GetFunction("balanceOf").CallAsync<BigInteger>(recipient));

        var refused = await Assert.ThrowsAsync<MpcWalletProblemException>(() => host.Client.Transactions.CancelAsync(call.Id));
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        var reverting = await Assert.ThrowsAsync<MpcWalletProblemException>(() => host.Client.Transactions.CreateAsync(host.Wallet.Id, new ContractCallRequest
        {
            ChainId = AnvilChain.ChainId,
            To = token,
            Abi = JsonDocument.Parse(abi).RootElement,
            Function = "failWithCustomError",
            Args = ContractCallRequest.Arguments("7"),
        }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reverting.Status);
        Assert.Contains("Refused(code: \"7\", why: \"on purpose\")", reverting.Extensions["revertReason"].GetString(), StringComparison.Ordinal);
    }
}
