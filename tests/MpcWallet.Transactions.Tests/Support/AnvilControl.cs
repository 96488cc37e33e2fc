using System.Text.Json;
using System.Text.Json.Nodes;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rpc;

namespace MpcWallet.Transactions.Tests.Support;

/// <summary>Anvil's test-control methods (balances, mining, snapshots) used to set up scenarios.</summary>
internal static class AnvilControl
{
    public static Task SetBalanceAsync(this EthereumRpcClient client, EthereumAddress address, UInt256 wei) =>
        client.SendAsync(new EthereumRpcCall<bool>("anvil_setBalance", [address.ToLowerHex(), wei.ToQuantityString()], _ => true));

    public static Task MineAsync(this EthereumRpcClient client) =>
        client.SendAsync(new EthereumRpcCall<bool>("evm_mine", [], _ => true));

    public static Task<string> SnapshotAsync(this EthereumRpcClient client) =>
        client.SendAsync(new EthereumRpcCall<string>("evm_snapshot", [], r => r.GetString()!));

    public static Task<bool> RevertAsync(this EthereumRpcClient client, string snapshot) =>
        client.SendAsync(new EthereumRpcCall<bool>("evm_revert", [JsonValue.Create(snapshot)], r => r.ValueKind == JsonValueKind.True));

    public static Task SetAutomineAsync(this EthereumRpcClient client, bool on) =>
        client.SendAsync(new EthereumRpcCall<bool>("evm_setAutomine", [JsonValue.Create(on)], _ => true));
}
