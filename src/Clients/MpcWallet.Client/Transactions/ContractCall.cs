using System.Text.Json;

namespace MpcWallet.Client.Transactions;

/// <summary>A contract call as the service encoded it: the function's canonical signature and the arguments (integers as decimal strings, addresses EIP-55).</summary>
public sealed record ContractCall(string Function, JsonElement Args);
