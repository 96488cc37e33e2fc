using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Hashing;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Transactions;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace MpcWallet.Ethereum.Rpc;

/// <summary>
/// An Ethereum JSON-RPC client over HttpClient. Each attempt has a timeout; transport failures (connection errors,
/// timeouts, 408/429/5xx without a JSON-RPC body) are retried with exponential backoff and jitter. A JSON-RPC answer
/// — result or error object — is definite and never retried, so a raw transaction is only re-sent when no answer
/// came back (re-sending the identical bytes is harmless: same hash). Node errors become typed exceptions
/// (<see cref="EthereumRpcException"/> and subclasses); no answer after all attempts is an
/// <see cref="EthereumRpcTransportException"/>; a malformed answer is an <see cref="EthereumRpcResponseException"/>.
/// </summary>
public sealed class EthereumRpcClient
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly EthereumRpcClientOptions _options;
    private readonly ResiliencePipeline _pipeline;
    private long _nextId;

    public EthereumRpcClient(HttpClient httpClient, Uri endpoint, EthereumRpcClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("The endpoint must be an absolute http(s) URI.", nameof(endpoint));
        }

        _options = options ?? new EthereumRpcClientOptions();
        _options.Validate();
        _http = httpClient;
        _endpoint = endpoint;

        var builder = new ResiliencePipelineBuilder();
        if (_options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = _options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryBaseDelay,
                MaxDelay = _options.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(IsTransportFailure(args.Outcome.Exception, args.Context.CancellationToken)),
            });
        }

        _pipeline = builder.AddTimeout(_options.AttemptTimeout).Build();
    }

    public Task<ulong> GetChainIdAsync(CancellationToken cancellationToken = default) =>
        SendAsync(EthereumRpcCalls.ChainId(), cancellationToken);

    public Task<ulong> GetBlockNumberAsync(CancellationToken cancellationToken = default) =>
        SendAsync(EthereumRpcCalls.BlockNumber(), cancellationToken);

    public Task<UInt256> GetBalanceAsync(EthereumAddress address, BlockParameter block, CancellationToken cancellationToken = default) =>
        SendAsync(EthereumRpcCalls.GetBalance(address, block), cancellationToken);

    public Task<ulong> GetTransactionCountAsync(EthereumAddress address, BlockParameter block, CancellationToken cancellationToken = default) =>
        SendAsync(EthereumRpcCalls.GetTransactionCount(address, block), cancellationToken);

    public Task<ulong> EstimateGasAsync(TransactionCallRequest call, BlockParameter? block = null, CancellationToken cancellationToken = default) =>
        SendAsync(EthereumRpcCalls.EstimateGas(call, block), cancellationToken);

    public Task<byte[]> CallAsync(TransactionCallRequest call, BlockParameter block, CancellationToken cancellationToken = default) =>
        SendAsync(EthereumRpcCalls.Call(call, block), cancellationToken);

    public Task<UInt256> GetGasPriceAsync(CancellationToken cancellationToken = default) =>
        SendAsync(EthereumRpcCalls.GasPrice(), cancellationToken);

    public Task<UInt256> GetMaxPriorityFeePerGasAsync(CancellationToken cancellationToken = default) =>
        SendAsync(EthereumRpcCalls.MaxPriorityFeePerGas(), cancellationToken);

    public Task<FeeHistory> GetFeeHistoryAsync(int blockCount, BlockParameter newestBlock, IReadOnlyList<double> rewardPercentiles, CancellationToken cancellationToken = default) =>
        SendAsync(EthereumRpcCalls.FeeHistory(blockCount, newestBlock, rewardPercentiles), cancellationToken);

    public Task<TransactionDetails?> GetTransactionByHashAsync(string transactionHash, CancellationToken cancellationToken = default) =>
        SendAsync(EthereumRpcCalls.GetTransactionByHash(transactionHash), cancellationToken);

    public Task<TransactionReceipt?> GetTransactionReceiptAsync(string transactionHash, CancellationToken cancellationToken = default) =>
        SendAsync(EthereumRpcCalls.GetTransactionReceipt(transactionHash), cancellationToken);

    public Task<Block?> GetBlockByNumberAsync(BlockParameter block, CancellationToken cancellationToken = default) =>
        SendAsync(EthereumRpcCalls.GetBlockByNumber(block), cancellationToken);

    public Task<string> SendRawTransactionAsync(SignedTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return SendRawTransactionAsync(transaction.RawBytes, cancellationToken);
    }

    /// <summary>
    /// Broadcasts signed bytes and returns the transaction hash, after checking that the node's hash equals the
    /// locally computed Keccak-256 of the bytes.
    /// </summary>
    public async Task<string> SendRawTransactionAsync(ReadOnlyMemory<byte> rawTransaction, CancellationToken cancellationToken = default)
    {
        var localHash = HexBytes.ToHex(Keccak256.Hash(rawTransaction.Span));
        var nodeHash = await SendAsync(EthereumRpcCalls.SendRawTransaction(rawTransaction.Span), cancellationToken).ConfigureAwait(false);
        return nodeHash == localHash
            ? nodeHash
            : throw new EthereumRpcResponseException($"The node reported hash {nodeHash}, but the transaction's hash is {localHash}.");
    }

    /// <summary>Runs any call (including ones built by hand with <see cref="EthereumRpcCall{T}"/>).</summary>
    public async Task<T> SendAsync<T>(EthereumRpcCall<T> call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        var id = Interlocked.Increment(ref _nextId);
        var body = Serialize(writer => call.WriteRequest(writer, id));
        var answer = await PostAsync(body, cancellationToken).ConfigureAwait(false);
        using var document = ParseJson(answer);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new EthereumRpcResponseException($"{call.Method}: expected a JSON-RPC response object, found {root.ValueKind}.");
        }

        CheckId(root, id, call.Method);
        return ReadResult(root, call);
    }

    /// <summary>
    /// Sends every call of <paramref name="batch"/> in one HTTP request. Per-call node errors land on the entries;
    /// a transport failure, or an error object answering the whole batch, is thrown.
    /// </summary>
    public async Task ExecuteBatchAsync(EthereumRpcBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            throw new ArgumentException("The batch is empty.", nameof(batch));
        }

        if (batch.Executed)
        {
            throw new InvalidOperationException("The batch has already been executed.");
        }

        batch.Executed = true;
        var entries = batch.Entries;
        var firstId = Interlocked.Add(ref _nextId, entries.Count) - entries.Count + 1;
        var body = Serialize(writer =>
        {
            writer.WriteStartArray();
            for (var i = 0; i < entries.Count; i++)
            {
                entries[i].WriteRequest(writer, firstId + i);
            }

            writer.WriteEndArray();
        });

        var answer = await PostAsync(body, cancellationToken).ConfigureAwait(false);
        using var document = ParseJson(answer);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var batchError))
        {
            var error = RpcErrorClassifier.FromErrorObject(batchError);
            foreach (var entry in entries)
            {
                entry.Fail(error);
            }

            throw error;
        }

        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new EthereumRpcResponseException($"A batch answer must be a JSON array, found {root.ValueKind}.");
        }

        var byId = new Dictionary<long, JsonElement>();
        foreach (var response in root.EnumerateArray())
        {
            if (response.ValueKind == JsonValueKind.Object && response.TryGetProperty("id", out var idElement)
                && idElement.ValueKind == JsonValueKind.Number && idElement.TryGetInt64(out var id))
            {
                byId.TryAdd(id, response);
            }
        }

        for (var i = 0; i < entries.Count; i++)
        {
            if (byId.TryGetValue(firstId + i, out var response))
            {
                entries[i].Complete(response);
            }
            else
            {
                entries[i].Fail(new EthereumRpcResponseException($"The batch answer has no response for request id {firstId + i}."));
            }
        }
    }

    internal static T ReadResult<T>(JsonElement response, EthereumRpcCall<T> call)
    {
        if (response.TryGetProperty("jsonrpc", out var version) && !(version.ValueKind == JsonValueKind.String && version.GetString() == "2.0"))
        {
            throw new EthereumRpcResponseException($"{call.Method}: the answer is not JSON-RPC 2.0.");
        }

        if (response.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
        {
            throw RpcErrorClassifier.FromErrorObject(error);
        }

        return response.TryGetProperty("result", out var result)
            ? call.ParseResult(result)
            : throw new EthereumRpcResponseException($"{call.Method}: the answer has neither result nor error.");
    }

    private static void CheckId(JsonElement response, long id, string method)
    {
        var hasError = response.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null;
        if (!response.TryGetProperty("id", out var idElement) || idElement.ValueKind == JsonValueKind.Null)
        {
            // JSON-RPC answers a request it could not read with id null and an error; anything else needs our id.
            if (hasError)
            {
                return;
            }

            throw new EthereumRpcResponseException($"{method}: the answer has no id.");
        }

        if (idElement.ValueKind != JsonValueKind.Number || !idElement.TryGetInt64(out var answered) || answered != id)
        {
            throw new EthereumRpcResponseException($"{method}: the answer's id {idElement.GetRawText()} is not the request's id {id}.");
        }
    }

    private async Task<byte[]> PostAsync(byte[] body, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (state, token) => await state.Client.PostOnceAsync(state.Body, token).ConfigureAwait(false),
                (Client: this, Body: body),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsTransportFailure(e, cancellationToken))
        {
            throw new EthereumRpcTransportException($"No answer from the node after {_options.MaxRetryAttempts + 1} attempt(s): {e.Message}", e);
        }
    }

    private async Task<byte[]> PostOnceAsync(byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = JsonContentType;
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var answer = await ReadLimitedAsync(response.Content, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode || IsJsonRpcAnswer(answer))
        {
            return answer;
        }

        if (response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
            or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
        {
            throw new TransientHttpStatusException(response.StatusCode);
        }

        throw new EthereumRpcTransportException($"The node answered HTTP {(int)response.StatusCode} without a JSON-RPC body.");
    }

    private async Task<byte[]> ReadLimitedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > _options.MaxResponseBytes)
        {
            throw new EthereumRpcResponseException($"The answer has {content.Headers.ContentLength} bytes, more than the limit of {_options.MaxResponseBytes}.");
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > _options.MaxResponseBytes)
            {
                throw new EthereumRpcResponseException($"The answer is larger than the limit of {_options.MaxResponseBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static bool IsJsonRpcAnswer(byte[] answer)
    {
        try
        {
            using var document = JsonDocument.Parse(answer);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Array
                || (root.ValueKind == JsonValueKind.Object && (root.TryGetProperty("error", out _) || root.TryGetProperty("result", out _)));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool IsTransportFailure(Exception? exception, CancellationToken callerToken) => exception switch
    {
        HttpRequestException or IOException or TimeoutRejectedException or TransientHttpStatusException => true,

        // HttpClient's own Timeout surfaces as a cancellation the caller did not ask for.
        OperationCanceledException => !callerToken.IsCancellationRequested,
        _ => false,
    };

    private static JsonDocument ParseJson(byte[] answer)
    {
        try
        {
            return JsonDocument.Parse(answer, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new EthereumRpcResponseException("The node's answer is not valid JSON: " + e.Message, e);
        }
    }

    private static byte[] Serialize(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.ToArray();
    }
}
