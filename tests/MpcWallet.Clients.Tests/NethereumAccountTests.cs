using System.Net;
using System.Numerics;
using MpcWallet.Client;
using MpcWallet.Client.Nethereum;
using MpcWallet.Client.Transactions;
using MpcWallet.Clients.Tests.Support;
using MpcWallet.Testing.Processes;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Hex.HexTypes;
using Nethereum.Signer;
using Nethereum.Signer.EIP712;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace MpcWallet.Clients.Tests;

/// <summary>
/// Nethereum's own Web3 with <see cref="MpcWalletAccount"/>: an ether transfer, an ERC-20 transfer as a contract call,
/// personal_sign and eth_signTypedData_v4 — each verified on the chain or with Nethereum's signers.
/// </summary>
[Collection(ClientHostCollection.Name)]
public sealed class NethereumAccountTests(ClientHost host)
{
    /// <summary>Anvil's public development key 0 (deploys and mints the test token).</summary>
    private const string DevKey0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    [Fact]
    public async Task An_ether_transfer_through_web3_is_sent_by_the_service_and_confirms_on_anvil()
    {
        var account = await MpcWalletAccount.LoadAsync(host.Client, host.Wallet.Id, AnvilChain.ChainId);
        var web3 = new Web3(account, host.Anvil.Endpoint.ToString());
        var recipient = EthECKey.GenerateKey().GetPublicAddress();

        var receipt = await web3.Eth.GetEtherTransferService().TransferEtherAndWaitForReceiptAsync(recipient, 0.25m);

        Assert.Equal(BigInteger.One, receipt.Status.Value);
        Assert.Equal(host.Wallet.Address, receipt.From, ignoreCase: true);
        Assert.Equal(Web3.Convert.ToWei(0.25m), (await web3.Eth.GetBalance.SendRequestAsync(recipient)).Value);

        // The service, not Nethereum, chose the nonce and signed: the transaction is one of the wallet's resources.
        var manager = (MpcWalletTransactionManager)account.TransactionManager;
        Assert.Equal(receipt.TransactionHash, manager.LastTransaction!.Hash);
        var resource = await host.Client.Transactions.WaitUntilFinalAsync(manager.LastTransaction.Id, TimeSpan.FromSeconds(60));
        Assert.Equal(Transaction.Confirmed, resource.Status);
    }

    [Fact]
    public async Task An_erc20_transfer_through_a_nethereum_contract_call_moves_tokens_from_the_wallet()
    {
        var artifact = TestFiles.TestToken();
        var abi = artifact.GetProperty("abi").GetRawText();

        // Deploy and mint with a plain Nethereum account (Anvil's development key), as any token issuer would.
        var issuer = new Web3(new Account(DevKey0, (int)AnvilChain.ChainId), host.Anvil.Endpoint.ToString());
        var deployment = await issuer.Eth.DeployContract.SendRequestAndWaitForReceiptAsync(abi, artifact.GetProperty("bytecode").GetString(), issuer.TransactionManager.Account.Address, new HexBigInteger(3_000_000), null, "Client Token", "CLT", (byte)6);
        var tokenAddress = deployment.ContractAddress;
        var mint = issuer.Eth.GetContract(abi, tokenAddress).GetFunction("mint");
        await mint.SendTransactionAndWaitForReceiptAsync(issuer.TransactionManager.Account.Address, new HexBigInteger(200_000), null, null, host.Wallet.Address, new BigInteger(1_000_000));

        var account = await MpcWalletAccount.LoadAsync(host.Client, host.Wallet.Id, AnvilChain.ChainId);
        var web3 = new Web3(account, host.Anvil.Endpoint.ToString());
        var token = web3.Eth.GetContract(abi, tokenAddress);
        var recipient = EthECKey.GenerateKey().GetPublicAddress();

        var receipt = await token.GetFunction("transfer").SendTransactionAndWaitForReceiptAsync(account.Address, null, null, null, recipient, new BigInteger(400_000));

        Assert.Equal(BigInteger.One, receipt.Status.Value);
        Assert.Equal(tokenAddress, receipt.To, ignoreCase: true);
        var balanceOf = token.GetFunction("balanceOf");
        Assert.Equal(new BigInteger(400_000), await balanceOf.CallAsync<BigInteger>(recipient));
        Assert.Equal(new BigInteger(600_000), await balanceOf.CallAsync<BigInteger>(host.Wallet.Address));
        var transferEvent = token.GetEvent("Transfer").DecodeAllEventsDefaultForEvent(receipt.Logs);
        Assert.Equal(host.Wallet.Address, Assert.Single(transferEvent).Event[0].Result.ToString(), ignoreCase: true);
    }

    [Fact]
    public async Task A_contract_call_that_reverts_is_refused_by_the_service_with_a_problem()
    {
        // Nethereum estimates gas itself (and would throw first); the REST client shows what the service answers.
        var artifact = TestFiles.TestToken();
        var issuer = new Web3(new Account(DevKey0, (int)AnvilChain.ChainId), host.Anvil.Endpoint.ToString());
        var abi = artifact.GetProperty("abi").GetRawText();
        var deployment = await issuer.Eth.DeployContract.SendRequestAndWaitForReceiptAsync(abi, artifact.GetProperty("bytecode").GetString(), issuer.TransactionManager.Account.Address, new HexBigInteger(3_000_000), null, "Revert Token", "RVT", (byte)18);
        var data = issuer.Eth.GetContract(abi, deployment.ContractAddress).GetFunction("failWithReason").GetData();

        var refused = await Assert.ThrowsAsync<MpcWalletProblemException>(() => host.Client.Transactions.CreateAsync(host.Wallet.Id, new TransferRequest { ChainId = AnvilChain.ChainId, To = deployment.ContractAddress, Data = data }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Contains("TestToken: refused on purpose", refused.Detail ?? refused.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Personal_sign_and_typed_data_through_web3_recover_to_the_wallet_with_nethereum()
    {
        var account = await MpcWalletAccount.LoadAsync(host.Client, host.Wallet.Id, AnvilChain.ChainId);
        var web3 = new Web3(account, host.Anvil.Endpoint.ToString());

        var message = "hello from Nethereum"u8.ToArray();
        var personal = await web3.Eth.AccountSigning.PersonalSign.SendRequestAsync(message);
        Assert.Equal(host.Wallet.Address, new EthereumMessageSigner().EcRecover(message, personal), ignoreCase: true);

        var json = TestFiles.MailTypedDataJson();
        var typed = await web3.Eth.AccountSigning.SignTypedDataV4.SendRequestAsync(json);
        Assert.Equal(host.Wallet.Address, new Eip712TypedDataSigner().RecoverFromSignatureV4(json, typed), ignoreCase: true);
        Assert.Equal(65, typed.HexToByteArray().Length);
    }

    [Fact]
    public async Task Raw_signing_and_caller_chosen_nonces_are_refused()
    {
        var account = await MpcWalletAccount.LoadAsync(host.Client, host.Wallet.Id, AnvilChain.ChainId);
        var input = new Nethereum.RPC.Eth.DTOs.TransactionInput("0x", account.Address, new HexBigInteger(1));
        await Assert.ThrowsAsync<NotSupportedException>(() => account.TransactionManager.SignTransactionAsync(input));
        input.Nonce = new HexBigInteger(0);
        await Assert.ThrowsAsync<NotSupportedException>(() => account.TransactionManager.SendTransactionAsync(input));
    }
}
