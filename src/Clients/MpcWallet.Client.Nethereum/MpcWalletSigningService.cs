using MpcWallet.Client.Signatures;
using Nethereum.RPC.AccountSigning;

namespace MpcWallet.Client.Nethereum;

/// <summary>personal_sign and eth_signTypedData_v4 of an <see cref="MpcWalletAccount"/>, through the typed signature endpoints.</summary>
internal sealed class MpcWalletSigningService : IAccountSigningService
{
    public MpcWalletSigningService(MpcWalletClient client, MpcWalletAccount account, MpcWalletAccountOptions options)
    {
        var signer = new MpcWalletMessageSigner(client, account, options);
        PersonalSign = new MpcWalletPersonalSign(signer);
        SignTypedDataV4 = new MpcWalletTypedDataSign(signer);
    }

    public IEthPersonalSign PersonalSign { get; }

    public IEthSignTypedDataV4 SignTypedDataV4 { get; }
}
