using System.Net;
using System.Text.Json;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rpc;
using MpcWallet.Ethereum.Tests.TestSupport;

namespace MpcWallet.Ethereum.Tests.Rpc;

/// <summary>Client behaviour against a scripted HTTP handler: retries, timeouts, cancellation, strict parsing, batches.</summary>
public sealed class EthereumRpcClientTests
{
    private static readonly Uri Endpoint = new("http://127.0.0.1:8545/");

    private static readonly EthereumRpcClientOptions FastRetries = new()
    {
        MaxRetryAttempts = 3,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        MaxRetryDelay = TimeSpan.FromMilliseconds(5),
        AttemptTimeout = TimeSpan.FromSeconds(5),
    };

    private static EthereumRpcClient Client(ScriptedHttpHandler handler, EthereumRpcClientOptions? options = null) =>
        new(new HttpClient(handler), Endpoint, options ?? FastRetries);

    [Fact]
    public async Task Connection_failures_and_503_are_retried_then_the_answer_is_returned()
    {
        var handler = new ScriptedHttpHandler().ThenConnectionFailure().ThenStatus(HttpStatusCode.ServiceUnavailable).ThenResult("\"0x7a69\"");

        Assert.Equal(31337UL, await Client(handler).GetChainIdAsync());
        Assert.Equal(3, handler.Requests.Count);
        Assert.All(handler.Requests, body => Assert.Contains("\"method\":\"eth_chainId\"", body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_json_rpc_error_is_definite_and_never_retried()
    {
        var handler = new ScriptedHttpHandler().ThenError(-32003, "nonce too low").ThenResult("\"0x1\"");

        await Assert.ThrowsAsync<NonceTooLowException>(() => Client(handler).SendRawTransactionAsync(new byte[] { 0xc0 }));
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_json_rpc_error_inside_an_HTTP_500_is_still_a_definite_answer()
    {
        var handler = new ScriptedHttpHandler()
            .Then((body, _) => Task.FromResult(ScriptedHttpHandler.Json(ScriptedHttpHandler.Envelope(body, "\"error\":{\"code\":-32000,\"message\":\"already known\"}"), HttpStatusCode.InternalServerError)));

        await Assert.ThrowsAsync<AlreadyKnownException>(() => Client(handler).SendRawTransactionAsync(new byte[] { 0xc0 }));
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_raw_transaction_is_resent_only_after_a_transport_failure_and_with_identical_bytes()
    {
        byte[] raw = [0xc0, 0x01];
        var hash = HexBytes.ToHex(MpcWallet.Ethereum.Hashing.Keccak256.Hash(raw));
        var handler = new ScriptedHttpHandler().ThenConnectionFailure().ThenResult($"\"{hash}\"");

        Assert.Equal(hash, await Client(handler).SendRawTransactionAsync(raw));
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(Params(handler.Requests[0]), Params(handler.Requests[1]));
    }

    [Fact]
    public async Task A_node_hash_that_is_not_the_local_hash_is_refused()
    {
        var handler = new ScriptedHttpHandler().ThenResult("\"0x" + new string('1', 64) + "\"");

        await Assert.ThrowsAsync<EthereumRpcResponseException>(() => Client(handler).SendRawTransactionAsync(new byte[] { 0xc0 }));
    }

    [Fact]
    public async Task Exhausted_retries_become_a_transport_exception()
    {
        var handler = new ScriptedHttpHandler().ThenConnectionFailure().ThenConnectionFailure().ThenConnectionFailure().ThenConnectionFailure();

        var error = await Assert.ThrowsAsync<EthereumRpcTransportException>(() => Client(handler).GetBlockNumberAsync());
        Assert.Equal(4, handler.Requests.Count);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task An_attempt_that_exceeds_its_timeout_is_retried_and_then_reported()
    {
        var handler = new ScriptedHttpHandler().ThenHang().ThenHang();
        var options = FastRetries with { MaxRetryAttempts = 1, AttemptTimeout = TimeSpan.FromMilliseconds(50) };

        await Assert.ThrowsAsync<EthereumRpcTransportException>(() => Client(handler, options).GetGasPriceAsync());
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Caller_cancellation_stops_at_once_without_retrying()
    {
        var handler = new ScriptedHttpHandler().ThenHang().ThenResult("\"0x1\"");
        using var cancellation = new CancellationTokenSource();

        // Cancel only once the request is in flight, so a slow machine cannot cancel before anything was sent.
        var call = Client(handler).GetGasPriceAsync(cancellation.Token);
        await Eventually.TrueAsync(() => handler.Requests.Count > 0, TimeSpan.FromSeconds(30), "the request is in flight");

        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_non_transient_HTTP_status_is_not_retried()
    {
        var handler = new ScriptedHttpHandler().ThenStatus(HttpStatusCode.NotFound, "no such path");

        await Assert.ThrowsAsync<EthereumRpcTransportException>(() => Client(handler).GetChainIdAsync());
        Assert.Single(handler.Requests);
    }

    [Theory]
    [InlineData("\"0x0400\"")]
    [InlineData("\"0x\"")]
    [InlineData("\"ff\"")]
    [InlineData("1024")]
    [InlineData("null")]
    [InlineData("\"0x1" + "0000000000000000000000000000000000000000000000000000000000000000\"")]
    public async Task Malformed_quantities_are_refused(string result)
    {
        var handler = new ScriptedHttpHandler().ThenResult(result);

        await Assert.ThrowsAsync<EthereumRpcResponseException>(() => Client(handler).GetBalanceAsync(EthereumAddress.Zero, BlockParameter.Latest));
    }

    [Fact]
    public async Task A_wrong_response_id_or_non_json_answer_is_refused()
    {
        var wrongId = new ScriptedHttpHandler().Then((_, _) => Task.FromResult(ScriptedHttpHandler.Json("{\"jsonrpc\":\"2.0\",\"id\":999,\"result\":\"0x1\"}")));
        var notJson = new ScriptedHttpHandler().Then((_, _) => Task.FromResult(ScriptedHttpHandler.Json("<html>")));

        await Assert.ThrowsAsync<EthereumRpcResponseException>(() => Client(wrongId).GetChainIdAsync());
        await Assert.ThrowsAsync<EthereumRpcResponseException>(() => Client(notJson).GetChainIdAsync());
    }

    [Fact]
    public async Task Requests_carry_the_expected_parameters()
    {
        var address = EthereumAddress.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
        var handler = new ScriptedHttpHandler().ThenResult("\"0x5\"").ThenResult("\"0x3\"").ThenResult("\"0x5208\"");
        var client = Client(handler);

        Assert.Equal(5UL, await client.GetTransactionCountAsync(address, BlockParameter.Pending));
        Assert.Equal(3UL, await client.GetTransactionCountAsync(address, BlockParameter.Number(1024)));
        Assert.Equal(21000UL, await client.EstimateGasAsync(new TransactionCallRequest { From = address, To = address, Value = 1UL }));

        Assert.Equal("[\"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed\",\"pending\"]", Params(handler.Requests[0]));
        Assert.Equal("[\"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed\",\"0x400\"]", Params(handler.Requests[1]));
        Assert.Contains("\"value\":\"0x1\"", handler.Requests[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_sends_one_array_and_hands_each_entry_its_own_result_or_error()
    {
        var handler = new ScriptedHttpHandler().Then((body, _) =>
        {
            using var request = JsonDocument.Parse(body);
            var ids = request.RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToArray();
            // Answers out of order, as the spec allows.
            var answer = $"[{{\"jsonrpc\":\"2.0\",\"id\":{ids[1]},\"error\":{{\"code\":-32000,\"message\":\"insufficient funds for gas * price + value\"}}}}," +
                         $"{{\"jsonrpc\":\"2.0\",\"id\":{ids[0]},\"result\":\"0x7a69\"}}]";
            return Task.FromResult(ScriptedHttpHandler.Json(answer));
        });
        var batch = new EthereumRpcBatch();
        var chainId = batch.Add(EthereumRpcCalls.ChainId());
        var send = batch.Add(EthereumRpcCalls.SendRawTransaction([0xc0]));

        await Client(handler).ExecuteBatchAsync(batch);

        Assert.Single(handler.Requests);
        Assert.StartsWith("[", handler.Requests[0], StringComparison.Ordinal);
        Assert.Equal(31337UL, chainId.Value);
        Assert.IsType<InsufficientFundsException>(send.Error);
        Assert.Throws<InsufficientFundsException>(() => send.Value);
        Assert.Throws<InvalidOperationException>(() => batch.Add(EthereumRpcCalls.ChainId()));
    }

    [Fact]
    public async Task A_batch_answer_missing_an_entry_marks_only_that_entry()
    {
        var handler = new ScriptedHttpHandler().Then((body, _) =>
        {
            using var request = JsonDocument.Parse(body);
            var firstId = request.RootElement[0].GetProperty("id").GetInt64();
            return Task.FromResult(ScriptedHttpHandler.Json($"[{{\"jsonrpc\":\"2.0\",\"id\":{firstId},\"result\":\"0x1\"}}]"));
        });
        var batch = new EthereumRpcBatch();
        var first = batch.Add(EthereumRpcCalls.BlockNumber());
        var second = batch.Add(EthereumRpcCalls.GasPrice());

        await Client(handler).ExecuteBatchAsync(batch);

        Assert.Equal(1UL, first.Value);
        Assert.IsType<EthereumRpcResponseException>(second.Error);
    }

    [Fact]
    public async Task Receipt_block_transaction_and_fee_history_are_parsed_strictly()
    {
        const string Hash = "0x37eac23662b2822928a6dc8fc09af37777c9aac186a0e0f94fa1352b368b1bba";
        var handler = new ScriptedHttpHandler()
            .ThenResult($$"""{"type":"0x2","status":"0x1","cumulativeGasUsed":"0x5208","logs":[{"address":"0x5fbdb2315678afecb367f032d93f642f64180aa3","topics":["{{Hash}}"],"data":"0x01","logIndex":"0x0"}],"transactionHash":"{{Hash}}","transactionIndex":"0x0","blockHash":"{{Hash}}","blockNumber":"0x1","gasUsed":"0x5208","effectiveGasPrice":"0x3b9aca01","from":"0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266","to":"0x70997970c51812dc3a010c7d01b50e0d17dc79c8","contractAddress":null}""")
            .ThenResult($$"""{"hash":"{{Hash}}","parentHash":"{{Hash}}","number":"0x1","gasLimit":"0x1c9c380","gasUsed":"0x5208","timestamp":"0x6b04db57","baseFeePerGas":"0x3b9aca00","miner":"0x0000000000000000000000000000000000000000","transactions":["{{Hash}}"]}""")
            .ThenResult("""{"baseFeePerGas":["0x3b9aca00","0x3b9aca00","0x342a1c58"],"gasUsedRatio":[0.0,0.0007],"oldestBlock":"0x0","reward":[["0x0","0x0"],["0x1","0x1"]]}""")
            .ThenResult("""{"baseFeePerGas":["0x1"],"gasUsedRatio":[0.5],"oldestBlock":"0x0","reward":[["0x0"]]}""")
            .ThenResult("null");
        var client = Client(handler);

        var receipt = await client.GetTransactionReceiptAsync(Hash);
        var block = await client.GetBlockByNumberAsync(BlockParameter.Latest);
        var history = await client.GetFeeHistoryAsync(2, BlockParameter.Latest, [25, 75]);

        Assert.NotNull(receipt);
        Assert.True(receipt.Succeeded);
        Assert.Equal(2, receipt.Type);
        Assert.Null(receipt.ContractAddress);
        Assert.Single(receipt.Logs);
        Assert.Equal(UInt256.ParseQuantity("0x3b9aca01"), receipt.EffectiveGasPrice);
        Assert.NotNull(block);
        Assert.Equal(1UL, block.Number);
        Assert.Equal([Hash], block.TransactionHashes);
        Assert.Equal(2, history.BlockCount);
        Assert.Equal(UInt256.ParseQuantity("0x342a1c58"), history.NextBaseFeePerGas);
        Assert.Equal((UInt256)1UL, history.Reward[1][0]);

        // one base fee for one block: the "next block" entry is missing
        await Assert.ThrowsAsync<EthereumRpcResponseException>(() => client.GetFeeHistoryAsync(1, BlockParameter.Latest, [50]));
        Assert.Null(await client.GetTransactionByHashAsync(Hash));
    }

    [Fact]
    public void Invalid_arguments_are_refused_before_any_request()
    {
        Assert.Throws<ArgumentException>(() => EthereumRpcCalls.GetTransactionReceipt("0x1234"));
        Assert.Throws<ArgumentOutOfRangeException>(() => EthereumRpcCalls.FeeHistory(0, BlockParameter.Latest, []));
        Assert.Throws<ArgumentException>(() => EthereumRpcCalls.FeeHistory(4, BlockParameter.Latest, [50, 30]));
        Assert.Throws<ArgumentException>(() => EthereumRpcCalls.SendRawTransaction([]));
        Assert.Throws<ArgumentException>(() => new EthereumRpcClient(new HttpClient(), new Uri("file:///tmp/x")));
    }

    private static string Params(string requestBody)
    {
        using var document = JsonDocument.Parse(requestBody);
        return document.RootElement.GetProperty("params").GetRawText();
    }
}
