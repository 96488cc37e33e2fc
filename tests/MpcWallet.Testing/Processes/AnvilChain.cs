using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rpc;
using MpcWallet.Infrastructure.Development;

namespace MpcWallet.Testing.Processes;

/// <summary>
/// A private Anvil chain (31337 unless told otherwise) on a free loopback port, killed on dispose: the test suites' and the bench's chain,
/// started by the host's own launcher (<see cref="AnvilProcess"/>). <see cref="Client"/> is the product's JSON-RPC
/// client; Anvil's test-control methods (balances, mining, snapshots) and a few reads by hex address sit beside it.
/// </summary>
public sealed class AnvilChain : IAsyncDisposable
{
    public const ulong ChainId = 31337;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly AnvilProcess _process;
    private readonly HttpClient _http = new();

    private AnvilChain(AnvilProcess process, ulong chainId)
    {
        _process = process;
        Id = chainId;
        Client = new EthereumRpcClient(_http, process.Endpoint, new EthereumRpcClientOptions { AttemptTimeout = TimeSpan.FromSeconds(10), MaxRetryAttempts = 1 });
    }

    public Uri Endpoint => _process.Endpoint;

    /// <summary>The chain id this node answers with (<see cref="ChainId"/> unless started with another).</summary>
    public ulong Id { get; }

    public EthereumRpcClient Client { get; }

    /// <summary>Where the Anvil binary is (cast sits beside it).</summary>
    public static string BinaryPath() => AnvilProcess.FindBinary()
        ?? throw new InvalidOperationException("Anvil is not installed (no .tools/bin/anvil above the tests, none on PATH). Run `bash scripts/prepare-test-env.sh` (scripts/prepare.d/10-anvil.sh installs it into ./.tools).");

    /// <param name="automine">False: <c>--no-mining</c>, blocks come only from <see cref="MineAsync"/>.</param>
    /// <param name="chainId">The chain id to answer with; a second chain in one test takes another.</param>
    public static async Task<AnvilChain> StartAsync(bool automine = true, ulong chainId = ChainId)
    {
        var binary = BinaryPath();
        var failure = "";
        for (var attempt = 0; attempt < 3; attempt++)
        {
            // The free port can be taken between choosing and binding it: then Anvil exits and another port is tried.
            var chain = new AnvilChain(AnvilProcess.Start(binary, new AnvilArguments { Port = FreePorts.Next(), ChainId = chainId, Automine = automine }), chainId);
            if (await chain._process.WaitUntilListeningAsync(StartTimeout) && await chain.AnswersAsync())
            {
                return chain;
            }

            failure = chain._process.HasExited ? "it exited: " + chain._process.RecentOutput() : $"it did not answer within {StartTimeout.TotalSeconds} s: " + chain._process.RecentOutput();
            await chain.DisposeAsync();
        }

        throw new InvalidOperationException($"Anvil did not start on three ports; last time {failure}");
    }

    /// <summary><c>anvil_setBalance</c>: the account holds exactly <paramref name="wei"/>.</summary>
    public Task SetBalanceAsync(EthereumAddress address, UInt256 wei) =>
        Client.SendAsync(new EthereumRpcCall<bool>("anvil_setBalance", [address.ToLowerHex(), wei.ToQuantityString()], _ => true));

    /// <summary><c>evm_mine</c>: one block now.</summary>
    public Task MineAsync() => Client.SendAsync(new EthereumRpcCall<bool>("evm_mine", [], _ => true));

    /// <summary><c>evm_setAutomine</c>: switches mining every transaction at once on or off.</summary>
    public Task SetAutomineAsync(bool on) => Client.SendAsync(new EthereumRpcCall<bool>("evm_setAutomine", [JsonValue.Create(on)], _ => true));

    /// <summary><c>evm_snapshot</c>: the id to <see cref="RevertAsync"/> to (a reorg, seen from a client).</summary>
    public Task<string> SnapshotAsync() => Client.SendAsync(new EthereumRpcCall<string>("evm_snapshot", [], r => r.GetString()!));

    public Task<bool> RevertAsync(string snapshot) =>
        Client.SendAsync(new EthereumRpcCall<bool>("evm_revert", [JsonValue.Create(snapshot)], r => r.ValueKind == JsonValueKind.True));

    /// <summary>Sends <paramref name="wei"/> from Anvil's unlocked development account 0 and waits for the receipt.</summary>
    public async Task FundAsync(string address, BigInteger wei)
    {
        var value = UInt256.FromBigInteger(wei).ToQuantityString();
        var hash = await Client.SendAsync(new EthereumRpcCall<string>("eth_sendTransaction", [new JsonObject { ["from"] = AnvilAccounts.Address0.ToLowerHex(), ["to"] = address, ["value"] = value }], r => r.GetString()!));
        await Eventually.TrueAsync(async () => await Client.GetTransactionReceiptAsync(hash) is not null, TimeSpan.FromSeconds(30), $"funding transaction {hash} is mined");
    }

    public async Task<BigInteger> BalanceAsync(string address) => await Client.GetBalanceAsync(EthereumAddress.Parse(address), BlockParameter.Latest);

    /// <summary>The account's nonce in the latest block (= how many of its transactions are mined).</summary>
    public Task<ulong> NonceAsync(string address) => Client.GetTransactionCountAsync(EthereumAddress.Parse(address), BlockParameter.Latest);

    /// <summary>The mined transaction as the node returns it (<c>from</c>, <c>nonce</c>, <c>to</c>, <c>value</c> …), or null.</summary>
    public async Task<JsonElement?> TransactionAsync(string hash)
    {
        var result = await Client.SendAsync(new EthereumRpcCall<JsonElement>("eth_getTransactionByHash", [hash], r => r.Clone()));
        return result.ValueKind == JsonValueKind.Null ? null : result;
    }

    public static BigInteger ParseQuantity(JsonElement quantity) =>
        BigInteger.Parse("0" + quantity.GetString()![2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _http.Dispose();
    }

    private async Task<bool> AnswersAsync()
    {
        try
        {
            return await Client.GetChainIdAsync() == Id && !_process.HasExited;
        }
        catch (Exception e) when (e is EthereumRpcTransportException or EthereumRpcResponseException or EthereumRpcException)
        {
            return false;
        }
    }
}
