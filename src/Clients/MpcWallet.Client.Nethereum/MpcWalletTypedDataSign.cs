using Nethereum.JsonRpc.Client;
using Nethereum.RPC.AccountSigning;

namespace MpcWallet.Client.Nethereum;

/// <summary>eth_signTypedData_v4 (EIP-712) through the service: <c>web3.Eth.AccountSigning.SignTypedDataV4.SendRequestAsync(json)</c>.</summary>
internal sealed class MpcWalletTypedDataSign(MpcWalletMessageSigner signer) : IEthSignTypedDataV4
{
    public Task<string> SendRequestAsync(string jsonMessage, object? id = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(jsonMessage);
        return signer.SignTypedDataAsync(jsonMessage);
    }

    public RpcRequest BuildRequest(string message, object? id = null) =>
        throw new NotSupportedException("MpcWallet signatures are not JSON-RPC requests to the node; use SendRequestAsync.");
}
