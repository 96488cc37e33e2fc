using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MpcWallet.Testing.Processes;

namespace MpcWallet.Testing.Split;

/// <summary>
/// REST calls against a split cluster: wallets, signatures and nodes on a coordinator, transfers on the transaction
/// service's process. Every wait is an <see cref="Eventually"/> probe, generous (a deadline against hangs, never a
/// timing assertion), and its failure message carries the processes' log tails.
/// </summary>
public sealed class ClusterApi : IDisposable
{
    private readonly HttpClient _coordinator;
    private readonly HttpClient _transactions;
    private readonly HostProcess _coordinatorProcess;
    private readonly HostProcess _transactionsProcess;

    public ClusterApi(HostProcess coordinator, HostProcess transactions, AnvilChain? chain)
    {
        _coordinatorProcess = coordinator;
        _transactionsProcess = transactions;
        _coordinator = coordinator.Client(SplitCluster.ApiKey);
        _transactions = transactions.Client(SplitCluster.ApiKey);
        Chain = chain;
    }

    public AnvilChain? Chain { get; }

    /// <summary>
    /// Creates a t-of-n wallet with <c>Prefer: wait</c> and waits until it is active. It allows raw digests: the
    /// deployment suites sign random digests (<see cref="SignDigestAsync"/>) to test the cluster, not what is signed.
    /// </summary>
    public async Task<JsonElement> CreateWalletAsync(string label, int threshold = 2, int parties = 3)
    {
        var (status, body) = await PostAsync(_coordinator, "/v1/wallets", new { label, threshold, parties, allowRawDigest = true }, wait: 60, idempotencyKey: "wallet-" + label);
        if (status is not (HttpStatusCode.Created or HttpStatusCode.Accepted or HttpStatusCode.OK))
        {
            throw Failure($"wallet creation answered {(int)status}: {body}");
        }

        body = await WaitWhileAsync($"/v1/wallets/{body.GetProperty("id").GetString()}", "creating", TimeSpan.FromMinutes(3));
        return body.GetProperty("status").GetString() == "active" ? body : throw Failure("the wallet did not become active: " + body);
    }

    /// <summary>Signs a 32-byte digest (hex, 0x-prefixed) and waits for the final signature resource.</summary>
    public async Task<JsonElement> SignDigestAsync(string walletId, string digestHex)
    {
        var (status, body) = await PostAsync(_coordinator, $"/v1/wallets/{walletId}/signatures", new { type = "digest", digest = digestHex }, wait: 60);
        if (status is not (HttpStatusCode.Created or HttpStatusCode.Accepted or HttpStatusCode.OK))
        {
            throw Failure($"signing answered {(int)status}: {body}");
        }

        return await WaitWhileAsync($"/v1/signatures/{body.GetProperty("id").GetString()}", "pending", TimeSpan.FromMinutes(2));
    }

    /// <summary>Requests a digest signature without waiting; returns the (usually pending) signature resource.</summary>
    public async Task<JsonElement> RequestDigestSignatureAsync(string walletId, string digestHex, string idempotencyKey)
    {
        var (status, body) = await PostAsync(_coordinator, $"/v1/wallets/{walletId}/signatures", new { type = "digest", digest = digestHex }, wait: null, idempotencyKey);
        return status is HttpStatusCode.Created or HttpStatusCode.Accepted or HttpStatusCode.OK ? body : throw Failure($"signing answered {(int)status}: {body}");
    }

    /// <summary>Waits until a signature is no longer pending (the coordinator may be restarting meanwhile).</summary>
    public async Task<JsonElement> WaitForSignatureAsync(string signatureId, TimeSpan? timeout = null)
    {
        JsonElement body = default;
        await Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    body = await _coordinator.GetFromJsonAsync<JsonElement>($"/v1/signatures/{signatureId}");
                    return body.GetProperty("status").GetString() != "pending";
                }
                catch (HttpRequestException)
                {
                    return false; // the coordinator may be restarting
                }
            },
            timeout ?? TimeSpan.FromMinutes(2),
            () => $"signature {signatureId} is no longer pending (last: {body})\n{Logs()}");
        return body;
    }

    /// <summary>Posts a refresh of the wallet without waiting; returns the status code and the operation (or problem) as they are.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> RequestRefreshAsync(string walletId, string? idempotencyKey = null) =>
        await PostAsync(_coordinator, $"/v1/wallets/{walletId}/refresh", new { }, wait: null, idempotencyKey);

    /// <summary>Refreshes the wallet and waits for the operation to be completed or failed; returns the final operation.</summary>
    public async Task<JsonElement> RefreshAsync(string walletId, string idempotencyKey, TimeSpan? timeout = null)
    {
        var (status, body) = await PostAsync(_coordinator, $"/v1/wallets/{walletId}/refresh", new { }, wait: 60, idempotencyKey);
        if (status is not (HttpStatusCode.Created or HttpStatusCode.Accepted or HttpStatusCode.OK))
        {
            throw Failure($"the refresh answered {(int)status}: {body}");
        }

        return await WaitForOperationAsync(body.GetProperty("id").GetString()!, timeout);
    }

    /// <summary>Waits until an operation is no longer pending (the coordinator may be restarting meanwhile).</summary>
    public async Task<JsonElement> WaitForOperationAsync(string operationId, TimeSpan? timeout = null)
    {
        JsonElement body = default;
        await Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    body = await _coordinator.GetFromJsonAsync<JsonElement>($"/v1/operations/{operationId}");
                    return body.GetProperty("status").GetString() != "pending";
                }
                catch (HttpRequestException)
                {
                    return false; // the coordinator may be restarting
                }
            },
            timeout ?? TimeSpan.FromMinutes(5),
            () => $"operation {operationId} is no longer pending (last: {body})\n{Logs()}");
        return body;
    }

    /// <summary>Posts a transfer (value in wei) to the transaction service; returns the status code and body as they are.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> TransferAsync(string walletId, string to, string valueWei, string? idempotencyKey = null) =>
        await PostAsync(_transactions, $"/v1/wallets/{walletId}/transactions", new { chainId = AnvilChain.ChainId, to, value = valueWei }, wait: null, idempotencyKey);

    /// <summary>
    /// Posts a transfer, retrying while the transaction service does not know the wallet yet (it learns wallets from
    /// the coordinator's events) or is unavailable; returns the accepted transaction resource.
    /// </summary>
    public async Task<JsonElement> TransferAcceptedAsync(string walletId, string to, string valueWei, string idempotencyKey, TimeSpan? timeout = null)
    {
        (HttpStatusCode Status, JsonElement Body) last = default;
        await Eventually.TrueAsync(
            async () =>
            {
                last = await TransferAsync(walletId, to, valueWei, idempotencyKey);
                return last.Status switch
                {
                    HttpStatusCode.Accepted or HttpStatusCode.Created or HttpStatusCode.OK => true,
                    HttpStatusCode.NotFound or HttpStatusCode.ServiceUnavailable => false,
                    _ => throw Failure($"transfer answered {(int)last.Status}: {last.Body}"),
                };
            },
            timeout ?? TimeSpan.FromSeconds(60),
            () => $"the transfer is accepted (last answer {(int)last.Status}: {last.Body})\n{Logs()}");
        return last.Body;
    }

    /// <summary>Waits until the transaction is confirmed (fails at once if it failed).</summary>
    public async Task<JsonElement> WaitForConfirmedAsync(string transactionId, TimeSpan? timeout = null)
    {
        JsonElement body = default;
        await Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    body = await _transactions.GetFromJsonAsync<JsonElement>($"/v1/transactions/{transactionId}");
                }
                catch (HttpRequestException)
                {
                    return false; // the process may be restarting
                }

                return body.GetProperty("status").GetString() switch
                {
                    "confirmed" => true,
                    "failed" => throw Failure("the transfer failed: " + body),
                    _ => false,
                };
            },
            timeout ?? TimeSpan.FromMinutes(2),
            () => $"transaction {transactionId} is confirmed (last: {body})\n{Logs()}");
        return body;
    }

    /// <summary>Every transaction the transaction service holds for the wallet (up to 200).</summary>
    public async Task<IReadOnlyList<JsonElement>> WalletTransactionsAsync(string walletId)
    {
        var page = await _transactions.GetFromJsonAsync<JsonElement>($"/v1/wallets/{walletId}/transactions?limit=200");
        return page.GetProperty("items").EnumerateArray().Select(t => t.Clone()).ToArray();
    }

    /// <summary>The coordinator's view of the nodes: id → (status, endpoint).</summary>
    public async Task<Dictionary<string, (string Status, string Endpoint)>> NodesAsync()
    {
        var body = await _coordinator.GetFromJsonAsync<JsonElement>("/v1/nodes");
        return body.GetProperty("items").EnumerateArray().ToDictionary(
            n => n.GetProperty("id").GetString()!,
            n => (n.GetProperty("status").GetString()!, n.GetProperty("endpoint").GetString() ?? ""));
    }

    public async Task WaitForNodesAsync(int onlineCount, IReadOnlyCollection<string> mustInclude, SplitCluster? cluster = null)
    {
        var seen = "";
        await Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    var nodes = await NodesAsync();
                    var online = nodes.Where(n => n.Value.Status == "online").Select(n => n.Key).ToHashSet();
                    seen = string.Join(", ", nodes.Select(n => $"{n.Key}={n.Value.Status}"));
                    return online.Count >= onlineCount && mustInclude.All(online.Contains);
                }
                catch (HttpRequestException e)
                {
                    seen = e.Message;
                    return false;
                }
            },
            TimeSpan.FromSeconds(60),
            () => $"{onlineCount} nodes (with {string.Join(",", mustInclude)}) are online (last: {seen})\n{cluster?.Logs() ?? Logs()}");
    }

    /// <summary>Waits until a node is reported offline (after a kill: no heartbeats for Coordinator:OfflineAfter).</summary>
    public async Task WaitForOfflineAsync(string nodeId)
    {
        await Eventually.TrueAsync(async () => (await NodesAsync())[nodeId].Status == "offline", TimeSpan.FromSeconds(60), () => $"{nodeId} is reported offline\n{Logs()}");
    }

    public async Task<JsonElement> GetAsync(string path) => await _coordinator.GetFromJsonAsync<JsonElement>(path);

    public void Dispose()
    {
        _coordinator.Dispose();
        _transactions.Dispose();
    }

    private async Task<JsonElement> WaitWhileAsync(string path, string pendingStatus, TimeSpan timeout)
    {
        JsonElement body = default;
        await Eventually.TrueAsync(
            async () =>
            {
                body = await _coordinator.GetFromJsonAsync<JsonElement>(path);
                return body.GetProperty("status").GetString() != pendingStatus;
            },
            timeout,
            () => $"{path} is no longer {pendingStatus} (last: {body})\n{Logs()}");
        return body;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, string path, object body, int? wait, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
        if (wait is not null)
        {
            request.Headers.Add("Prefer", $"wait={wait}");
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text));
    }

    private string Logs() => _coordinatorProcess.LogTail(40) + (_transactionsProcess == _coordinatorProcess ? "" : "\n" + _transactionsProcess.LogTail(40));

    private InvalidOperationException Failure(string message) => new($"{message}\n{Logs()}");
}
