using System.Numerics;
using System.Text.Json.Nodes;
using MpcWallet.Client.Http;

namespace MpcWallet.Client.Transactions;

/// <summary>
/// Fees for a cancel or speed-up. Both must be at least the highest earlier attempt's × 110 / 100 and above it
/// (geth's replacement rule); leave them out (null) to let the service bump both.
/// </summary>
public sealed record ReplacementFees(BigInteger MaxFeePerGas, BigInteger MaxPriorityFeePerGas)
{
    internal static JsonObject ToJson(ReplacementFees? fees) => fees is null
        ? new JsonObject()
        : new JsonObject { ["maxFeePerGas"] = ClientJson.Decimal(fees.MaxFeePerGas), ["maxPriorityFeePerGas"] = ClientJson.Decimal(fees.MaxPriorityFeePerGas) };
}
