using System.Security.Cryptography;
using System.Text;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;

namespace MpcWallet.Transactions.Lifecycle;

/// <summary>A validated <c>POST /v1/wallets/{id}/transactions</c> body.</summary>
internal sealed record TransactionRequest(
    ulong ChainId,
    EthereumAddress To,
    UInt256 Value,
    byte[] Data,
    ulong? GasLimit,
    UInt256? MaxFeePerGas,
    UInt256? MaxPriorityFeePerGas)
{
    /// <summary>SHA-256 of the normalised request, so an Idempotency-Key replay is recognised whatever the formatting.</summary>
    public string Fingerprint()
    {
        var text = string.Join('|', ChainId, To.ToLowerHex(), Value, HexBytes.ToHex(Data), GasLimit?.ToString() ?? "", MaxFeePerGas?.ToString() ?? "", MaxPriorityFeePerGas?.ToString() ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
