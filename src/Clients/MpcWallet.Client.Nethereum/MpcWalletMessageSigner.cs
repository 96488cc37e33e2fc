using MpcWallet.Client.Signatures;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;

namespace MpcWallet.Client.Nethereum;

/// <summary>
/// Asks the service for a signature and checks it before handing it out: it must recover (from the digest the service
/// reports) to the account's address, and for personal messages that digest must be the EIP-191 hash of the bytes we
/// sent (computed here with Nethereum). Typed-data digests are the service's EIP-712 hash (its encoder is stricter than
/// Nethereum's, so it is not recomputed here).
/// </summary>
internal sealed class MpcWalletMessageSigner(MpcWalletClient client, MpcWalletAccount account, MpcWalletAccountOptions options)
{
    public async Task<string> SignPersonalMessageAsync(byte[] message)
    {
        var signature = await client.Signatures.SignAsync(account.WalletId, SignatureRequest.PersonalMessage(message), options.SignatureTimeout).ConfigureAwait(false);
        var expectedDigest = new EthereumMessageSigner().HashPrefixedMessage(message);
        if (!expectedDigest.ToHex(true).Equals(signature.Digest, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"The service signed {signature.Digest}, not the EIP-191 hash {expectedDigest.ToHex(true)} of the message.");
        }

        return Checked(signature);
    }

    public async Task<string> SignTypedDataAsync(string typedDataJson) =>
        Checked(await client.Signatures.SignAsync(account.WalletId, SignatureRequest.TypedData(typedDataJson), options.SignatureTimeout).ConfigureAwait(false));

    private string Checked(Signature signature)
    {
        var rsv = signature.SignatureHex ?? throw new InvalidOperationException($"Signature {signature.Id} has no signature bytes.");
        var recovered = EthECKey.RecoverFromSignature(EthECDSASignatureFactory.ExtractECDSASignature(rsv), signature.Digest.HexToByteArray()).GetPublicAddress();
        return recovered.Equals(account.Address, StringComparison.OrdinalIgnoreCase)
            ? rsv
            : throw new InvalidOperationException($"Signature {signature.Id} recovers to {recovered}, not to the wallet's address {account.Address}.");
    }
}
