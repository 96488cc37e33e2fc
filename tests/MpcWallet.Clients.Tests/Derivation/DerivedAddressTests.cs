using System.Net;
using System.Numerics;
using System.Text.Json;
using MpcWallet.Client;
using MpcWallet.Client.Signatures;
using MpcWallet.Client.Transactions;
using MpcWallet.Clients.Tests.Support;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Messages;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rpc;
using MpcWallet.Ethereum.Signatures;
using EcdsaSignature = MpcWallet.Ethereum.Signatures.Signature;
using MpcWallet.Testing.Processes;

namespace MpcWallet.Clients.Tests.Derivation;

/// <summary>
/// HD addresses of a threshold wallet end to end: the wallet's xpub derives, in ethers, the addresses the API gives;
/// a signature with a derivation path recovers to that child address; a transfer sent from a derived address is
/// mined on Anvil with that address as its sender and its own nonce; hardened paths are refused at every entry.
/// </summary>
[Collection(ClientHostCollection.Name)]
public sealed class DerivedAddressTests(ClientHost host)
{
    private static readonly string[] Paths = ["m", "m/0", "m/0/7", "m/1/2147483647", "m/44/60/0/0/5"];

    [Fact]
    public async Task The_xpub_derives_in_ethers_the_addresses_the_api_gives()
    {
        var wallet = await host.Client.Wallets.GetAsync(host.Wallet.Id);
        Assert.StartsWith("xpub", wallet.Xpub, StringComparison.Ordinal);
        var output = await ExternalTool.RunAsync("node", [Path.Combine(AppContext.BaseDirectory, "Derivation", "hd-addresses.cjs")], new Dictionary<string, string>
        {
            ["ETHERS_MODULE"] = ExternalTool.EthersModule(),
            ["XPUB"] = wallet.Xpub!,
            ["PATHS"] = JsonSerializer.Serialize(Paths),
        });
        var ethers = JsonDocument.Parse(output.Split('\n')[^1]).RootElement;
        var seen = new HashSet<string>();
        foreach (var path in Paths)
        {
            var derived = await host.Client.Wallets.GetAddressAsync(wallet.Id, path);
            Assert.Equal(path, derived.Path);
            Assert.Equal(ethers.GetProperty(path).GetProperty("address").GetString(), derived.Address);
            Assert.Equal(ethers.GetProperty(path).GetProperty("publicKey").GetString(), derived.PublicKey);
            Assert.True(seen.Add(derived.Address), $"{path} repeats an address");
        }

        Assert.Equal(wallet.Address, (await host.Client.Wallets.GetAddressAsync(wallet.Id, "m")).Address);
    }

    [Fact]
    public async Task A_signature_with_a_derivation_path_recovers_to_the_child_address_not_the_root()
    {
        var child = await host.Client.Wallets.GetAddressAsync(host.Wallet.Id, "m/0/7");
        const string Message = "signed by m/0/7";
        var signature = await host.Client.Signatures.SignAsync(host.Wallet.Id, SignatureRequest.PersonalMessage(Message) with { DerivationPath = "m/0/7" }, TimeSpan.FromSeconds(60));

        Assert.Equal("m/0/7", signature.DerivationPath);
        var recovered = SignatureRecovery.RecoverAddress(PersonalMessage.Hash(Message), EcdsaSignature.FromRecoverable(HexBytes.ParseFixed(signature.R!, 32), HexBytes.ParseFixed(signature.S!, 32), signature.V!.Value - 27));
        Assert.Equal(child.Address, recovered.ToChecksumString());
        Assert.NotEqual(host.Wallet.Address, recovered.ToChecksumString());
    }

    [Fact]
    public async Task A_transfer_from_a_derived_address_confirms_on_anvil_with_that_address_as_sender()
    {
        var child = await host.Client.Wallets.GetAddressAsync(host.Wallet.Id, "m/0/3");
        await host.Anvil.FundAsync(child.Address, BigInteger.Pow(10, 18));
        var rootNonce = await host.Anvil.Client.GetTransactionCountAsync(EthereumAddress.Parse(host.Wallet.Address!), BlockParameter.Latest);
        var recipient = EthereumAddress.FromBytes(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20)).ToChecksumString();

        var sent = await host.Client.Transactions.CreateAsync(host.Wallet.Id, new TransferRequest { ChainId = AnvilChain.ChainId, To = recipient, Value = 12_345, DerivationPath = "m/0/3" });
        Assert.Equal(child.Address, sent.From);
        Assert.Equal("m/0/3", sent.DerivationPath);
        Assert.Equal(0UL, sent.Nonce); // the child's own nonce sequence, not the root's
        var done = await host.Client.Transactions.WaitUntilFinalAsync(sent.Id, TimeSpan.FromSeconds(90));
        Assert.Equal(Transaction.Confirmed, done.Status);

        var onChain = await host.Anvil.Client.GetTransactionByHashAsync(done.Hash!);
        Assert.Equal(EthereumAddress.Parse(child.Address), onChain!.From);
        Assert.Equal(new BigInteger(12_345), (await host.Anvil.Client.GetBalanceAsync(EthereumAddress.Parse(recipient), BlockParameter.Latest)).ToBigInteger());
        Assert.Equal(rootNonce, await host.Anvil.Client.GetTransactionCountAsync(EthereumAddress.Parse(host.Wallet.Address!), BlockParameter.Latest));
    }

    [Theory]
    [InlineData("m/0'/1")]
    [InlineData("m/2147483648")]
    [InlineData("0/7")]
    public async Task Hardened_or_malformed_paths_are_a_400_at_every_entry(string path)
    {
        var address = await Assert.ThrowsAsync<MpcWalletProblemException>(() => host.Client.Wallets.GetAddressAsync(host.Wallet.Id, path));
        Assert.Equal(HttpStatusCode.BadRequest, address.Status);
        Assert.Contains("path", address.Errors!.Keys);

        var signature = await Assert.ThrowsAsync<MpcWalletProblemException>(() => host.Client.Signatures.CreateAsync(host.Wallet.Id, SignatureRequest.Digest(new byte[32]) with { DerivationPath = path }));
        Assert.Equal(HttpStatusCode.BadRequest, signature.Status);
        Assert.Contains("derivationPath", signature.Errors!.Keys);

        var transfer = await Assert.ThrowsAsync<MpcWalletProblemException>(() => host.Client.Transactions.CreateAsync(host.Wallet.Id, new TransferRequest { ChainId = AnvilChain.ChainId, To = host.Wallet.Address!, Value = 1, DerivationPath = path }));
        Assert.Equal(HttpStatusCode.BadRequest, transfer.Status);
        Assert.Contains("derivationPath", transfer.Errors!.Keys);
    }
}
