using System.Text.Json;
using MpcWallet.Ethereum.Abi;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Api;

/// <summary>A contract call read from its ABI: the function, its encoded call data, the resource's view, and the ABI's custom errors.</summary>
internal sealed record ParsedContractCall(AbiFunction Function, byte[] Data, ContractCallDetails Details, IReadOnlyList<AbiError> CustomErrors, IReadOnlyList<JsonElement> ErrorItems);
