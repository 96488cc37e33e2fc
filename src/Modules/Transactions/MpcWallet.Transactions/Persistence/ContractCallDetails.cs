using System.Text.Json;

namespace MpcWallet.Transactions.Persistence;

/// <summary>A contract call: the function's canonical signature and the arguments as encoded (integers as decimal strings, addresses EIP-55).</summary>
internal sealed record ContractCallDetails(string Function, JsonElement Args);
