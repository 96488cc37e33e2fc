using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.AccountSigning;

namespace MpcWallet.Client.Nethereum;

/// <summary>personal_sign (EIP-191) through the service: <c>web3.Eth.AccountSigning.PersonalSign.SendRequestAsync(bytes)</c>.</summary>
internal sealed class MpcWalletPersonalSign(MpcWalletMessageSigner signer) : IEthPersonalSign
{
    public Task<string> SendRequestAsync(byte[] value, object? id = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        return signer.SignPersonalMessageAsync(value);
    }

    public Task<string> SendRequestAsync(HexUTF8String utf8Hex, object? id = null)
    {
        ArgumentNullException.ThrowIfNull(utf8Hex);
        return signer.SignPersonalMessageAsync(utf8Hex.ToHexByteArray());
    }

    public RpcRequest BuildRequest(byte[] value, object? id = null) =>
        throw new NotSupportedException("MpcWallet signatures are not JSON-RPC requests to the node; use SendRequestAsync.");

    public RpcRequest BuildRequest(HexUTF8String utf8Hex, object? id = null) =>
        throw new NotSupportedException("MpcWallet signatures are not JSON-RPC requests to the node; use SendRequestAsync.");
}
