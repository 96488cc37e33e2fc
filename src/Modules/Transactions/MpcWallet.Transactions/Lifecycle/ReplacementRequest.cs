using System.Security.Cryptography;
using System.Text;
using MpcWallet.Ethereum.Quantities;

namespace MpcWallet.Transactions.Lifecycle;

/// <summary>A validated cancel or speed-up: which, and the fees the caller chose (both, or neither: then the service bumps).</summary>
/// <param name="Kind"><see cref="Persistence.AttemptKinds.Cancel"/> or <see cref="Persistence.AttemptKinds.SpeedUp"/>.</param>
internal sealed record ReplacementRequest(string Kind, UInt256? MaxFeePerGas, UInt256? MaxPriorityFeePerGas)
{
    /// <summary>SHA-256 of the normalised request (an empty body and <c>{}</c> are the same request).</summary>
    public string Fingerprint() =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', Kind, MaxFeePerGas?.ToString() ?? "", MaxPriorityFeePerGas?.ToString() ?? ""))));
}
