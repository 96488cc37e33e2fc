using System.Text.Json;

namespace MpcWallet.Transactions.Api;

/// <summary>
/// The documented shape of the <c>POST /v1/wallets/{id}/transactions</c> body (OpenAPI). The body itself is read
/// field by field by <see cref="TransactionRequestParser"/>, which reports every bad field at once. Members a kind
/// does not use are refused (400), so a forgotten <c>kind</c> never sends something else than meant.
/// </summary>
/// <param name="ChainId">A configured chain.</param>
/// <param name="To">transfer: the recipient; erc20Transfer: the token recipient; contractCall: the contract. Mixed case must be a valid EIP-55 checksum.</param>
/// <param name="Kind">transfer (default), erc20Transfer or contractCall.</param>
/// <param name="Value">Wei as a decimal string (default "0"); transfer and contractCall (a payable function) only.</param>
/// <param name="Data">0x-prefixed hex (default "0x"); transfer only.</param>
/// <param name="Token">erc20Transfer: the token contract.</param>
/// <param name="Amount">erc20Transfer: the amount in the token's base units, as a decimal string.</param>
/// <param name="Abi">contractCall: a JSON ABI item, a JSON ABI array, or a human-readable fragment ("function transfer(address to, uint256 amount)").</param>
/// <param name="Function">contractCall: the function's name or signature ("transfer(address,uint256)"); required when the ABI has several functions.</param>
/// <param name="Args">contractCall: the arguments, a JSON array (positional) or an object keyed by parameter name; integers as decimal strings.</param>
/// <param name="GasLimit">Decimal string; estimated from the chain when absent. Never below the intrinsic gas and calldata floor.</param>
/// <param name="MaxFeePerGas">Wei as a decimal string; from the chain's fee market when absent.</param>
/// <param name="MaxPriorityFeePerGas">Wei as a decimal string; from the chain's fee market when absent.</param>
/// <param name="DerivationPath">A non-hardened BIP32 path ("m/0/7"): send from the wallet's child address at that path (its own nonces); absent: the root address. Hardened steps are a 400.</param>
/// <param name="AllowBelowBaseFee">true: a maxFeePerGas below the current base fee is accepted (the transaction waits); otherwise it is a 422.</param>
internal sealed record CreateTransactionRequest(
    ulong ChainId,
    string To,
    string? Kind = null,
    string? Value = null,
    string? Data = null,
    string? Token = null,
    string? Amount = null,
    JsonElement? Abi = null,
    string? Function = null,
    JsonElement? Args = null,
    string? GasLimit = null,
    string? MaxFeePerGas = null,
    string? MaxPriorityFeePerGas = null,
    bool? AllowBelowBaseFee = null,
    string? DerivationPath = null);
