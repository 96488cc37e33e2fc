namespace MpcWallet.Transactions.Api;

/// <summary>
/// The documented shape of the <c>POST /v1/wallets/{id}/transactions</c> body (OpenAPI). The body itself is read
/// field by field by <see cref="TransactionRequestParser"/>, which reports every bad field at once.
/// </summary>
/// <param name="ChainId">A configured chain.</param>
/// <param name="To">Recipient; mixed case must be a valid EIP-55 checksum.</param>
/// <param name="Value">Wei as a decimal string (default "0").</param>
/// <param name="Data">0x-prefixed hex (default "0x").</param>
/// <param name="GasLimit">Decimal string; estimated from the chain when absent.</param>
/// <param name="MaxFeePerGas">Wei as a decimal string; from the chain's fee market when absent.</param>
/// <param name="MaxPriorityFeePerGas">Wei as a decimal string; from the chain's fee market when absent.</param>
internal sealed record CreateTransactionRequest(
    ulong ChainId,
    string To,
    string? Value = null,
    string? Data = null,
    string? GasLimit = null,
    string? MaxFeePerGas = null,
    string? MaxPriorityFeePerGas = null);
