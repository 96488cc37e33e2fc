using System.Text.Json;
using MpcWallet.Client.Signatures;
using MpcWallet.Clients.Tests.Support;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Messages;
using MpcWallet.Ethereum.Signatures;
using MpcWallet.Testing;
using Nethereum.Signer;
using Nethereum.Signer.EIP712;
using ClientSignature = MpcWallet.Client.Signatures.Signature;

namespace MpcWallet.Clients.Tests;

/// <summary>
/// All three signature types through MpcWallet.Client, each verified three ways: the digest recomputed and the
/// signature recovered with our Ethereum layer, the same with Nethereum's signers, and the BouncyCastle check of
/// MpcWallet.Testing against the wallet key.
/// </summary>
[Collection(ClientHostCollection.Name)]
public sealed class SignatureTests(ClientHost host)
{
    [Fact]
    public async Task A_digest_signature_recovers_to_the_wallet()
    {
        var digest = SignatureCheck.RandomDigest();
        var signature = await host.Client.Signatures.SignAsync(host.Wallet.Id, SignatureRequest.Digest(digest), TimeSpan.FromSeconds(60));

        AssertRecoversToWallet(signature, digest);
        var nethereum = EthECKey.RecoverFromSignature(EthECDSASignatureFactory.ExtractECDSASignature(signature.SignatureHex!), digest).GetPublicAddress();
        Assert.Equal(host.Wallet.Address, nethereum, ignoreCase: true);
    }

    [Fact]
    public async Task A_personal_message_is_signed_as_personal_sign()
    {
        const string Message = "Sign in to MpcWallet ✓ 2026";
        var signature = await host.Client.Signatures.SignAsync(host.Wallet.Id, SignatureRequest.PersonalMessage(Message), TimeSpan.FromSeconds(60));

        AssertRecoversToWallet(signature, PersonalMessage.Hash(Message));
        Assert.Equal(host.Wallet.Address, new EthereumMessageSigner().EncodeUTF8AndEcRecover(Message, signature.SignatureHex), ignoreCase: true);

        var bytes = new byte[] { 0, 1, 2, 0xff };
        var raw = await host.Client.Signatures.SignAsync(host.Wallet.Id, SignatureRequest.PersonalMessage(bytes), TimeSpan.FromSeconds(60));
        AssertRecoversToWallet(raw, PersonalMessage.Hash(bytes));
        Assert.Equal(host.Wallet.Address, new EthereumMessageSigner().EcRecover(bytes, raw.SignatureHex), ignoreCase: true);
    }

    [Fact]
    public async Task Typed_data_given_as_json_text_is_signed_as_eip712()
    {
        var json = TestFiles.MailTypedDataJson();
        var signature = await host.Client.Signatures.SignAsync(host.Wallet.Id, SignatureRequest.TypedData(json), TimeSpan.FromSeconds(60));

        Assert.Equal(TestFiles.MailSigningHash(), signature.Digest);
        AssertRecoversToWallet(signature, TypedData.Parse(json).Hash());
        Assert.Equal(host.Wallet.Address, new Eip712TypedDataSigner().RecoverFromSignatureV4(json, signature.SignatureHex), ignoreCase: true);
    }

    private void AssertRecoversToWallet(ClientSignature signature, byte[] expectedDigest)
    {
        Assert.Equal(ClientSignature.Completed, signature.Status);
        Assert.Equal("0x" + Convert.ToHexStringLower(expectedDigest), signature.Digest);

        var ours = MpcWallet.Ethereum.Signatures.Signature.FromRsv(Convert.FromHexString(signature.SignatureHex![2..]));
        Assert.Equal(EthereumAddress.Parse(host.Wallet.Address!), SignatureRecovery.RecoverAddress(expectedDigest, ours));

        using var resource = JsonDocument.Parse(JsonSerializer.Serialize(new { status = signature.Status, digest = signature.Digest, r = signature.R, s = signature.S, v = signature.V, signature = signature.SignatureHex }));
        using var wallet = JsonDocument.Parse(JsonSerializer.Serialize(new { publicKey = host.Wallet.PublicKey, address = host.Wallet.Address }));
        SignatureCheck.AssertValid(resource.RootElement, wallet.RootElement, expectedDigest);
    }
}
