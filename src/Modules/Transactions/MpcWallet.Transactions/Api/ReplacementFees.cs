namespace MpcWallet.Transactions.Api;

/// <summary>
/// The documented shape of the optional <c>POST /v1/transactions/{id}/cancel</c> and <c>…/speedup</c> body (OpenAPI):
/// both fees, or neither (the service then bumps both by at least its policy's percentage, or to the market).
/// </summary>
/// <param name="MaxFeePerGas">Wei as a decimal string; at least the highest earlier attempt's × 110 / 100 and above it (geth's replacement rule).</param>
/// <param name="MaxPriorityFeePerGas">Wei as a decimal string; the same rule.</param>
internal sealed record ReplacementFees(string? MaxFeePerGas = null, string? MaxPriorityFeePerGas = null);
