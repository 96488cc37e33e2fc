using System.Net;
using System.Text.Json;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rpc;
using MpcWallet.Transactions.Tests.Support;

namespace MpcWallet.Transactions.Tests.Rpc;

/// <summary>
/// <c>POST /v1/wallets/{id}/rpc</c> as JSON-RPC 2.0 and EIP-1474 say it must answer: ids echoed, batches in order,
/// notifications unanswered, -32700 / -32600 / -32601 / -32602 / -32000 / -32004 / -32005 for what they mean, the
/// HTTP layer's 401 / 404 / 400 / 413 problems for what is wrong outside the body, and never a 5xx.
/// </summary>
public sealed class WalletRpcProtocolTests(AutomineFixture fixture) : IClassFixture<AutomineFixture>
{
    private static readonly UInt256 TenEther = UInt256.Parse("10000000000000000000");

    private TransactionsTestHost Host => fixture.Host;

    [Fact]
    public async Task The_account_methods_answer_the_wallet_address_and_the_chain()
    {
        var (wallet, key) = await Host.CreateWalletAsync(TenEther);
        Assert.Equal([key.Address.ToChecksumString()], (await Host.CallAsync(wallet, "eth_accounts", [])).GetProperty("result").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal([key.Address.ToChecksumString()], (await Host.CallAsync(wallet, "eth_requestAccounts", [])).GetProperty("result").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("0x7a69", (await Host.CallAsync(wallet, "eth_chainId", [])).GetProperty("result").GetString());
        Assert.Equal("31337", (await Host.CallAsync(wallet, "net_version", [])).GetProperty("result").GetString());
        Assert.Equal(-32602, ErrorCode(await Host.CallAsync(wallet, "eth_chainId", [1])));
    }

    [Fact]
    public async Task Ids_are_echoed_as_sent_and_a_batch_is_answered_in_order_without_its_notifications()
    {
        var (wallet, _) = await Host.CreateWalletAsync(TenEther);
        var (status, single) = await Host.RpcAsync(wallet, """{"jsonrpc": "2.0", "id": "abc", "method": "eth_chainId"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("abc", single!.Value.GetProperty("id").GetString());
        Assert.Equal("2.0", single.Value.GetProperty("jsonrpc").GetString());

        var (_, big) = await Host.RpcAsync(wallet, """{"jsonrpc": "2.0", "id": 12345678901234567890, "method": "eth_chainId", "params": []}""");
        Assert.Equal("12345678901234567890", big!.Value.GetProperty("id").GetRawText());
        var (_, nullId) = await Host.RpcAsync(wallet, """{"jsonrpc": "2.0", "id": null, "method": "eth_chainId"}""");
        Assert.Equal(JsonValueKind.Null, nullId!.Value.GetProperty("id").ValueKind);
        Assert.Equal("0x7a69", nullId.Value.GetProperty("result").GetString());

        var (batchStatus, batch) = await Host.RpcAsync(wallet, """
            [{"jsonrpc": "2.0", "id": 1, "method": "eth_chainId"},
             {"jsonrpc": "2.0", "method": "eth_chainId"},
             {"jsonrpc": "2.0", "id": "two", "method": "eth_nope", "params": []},
             7,
             {"jsonrpc": "2.0", "id": 3, "method": "eth_blockNumber"}]
            """);
        Assert.Equal(HttpStatusCode.OK, batchStatus);
        var replies = batch!.Value.EnumerateArray().ToArray();
        Assert.Equal(["1", "\"two\"", "null", "3"], replies.Select(r => r.GetProperty("id").GetRawText()));
        Assert.Equal("0x7a69", replies[0].GetProperty("result").GetString());
        Assert.Equal(-32601, ErrorCode(replies[1]));
        Assert.Equal(-32600, ErrorCode(replies[2]));
        Assert.StartsWith("0x", replies[3].GetProperty("result").GetString(), StringComparison.Ordinal);

        var (notified, nothing) = await Host.RpcAsync(wallet, """[{"jsonrpc": "2.0", "method": "eth_chainId"}, {"jsonrpc": "2.0", "method": "eth_blockNumber"}]""");
        Assert.Equal(HttpStatusCode.NoContent, notified);
        Assert.Null(nothing);
        var (notifiedOnce, none) = await Host.RpcAsync(wallet, """{"jsonrpc": "2.0", "method": "eth_chainId"}""");
        Assert.Equal(HttpStatusCode.NoContent, notifiedOnce);
        Assert.Null(none);
    }

    [Theory]
    [InlineData("{", -32700)]
    [InlineData("", -32700)]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"eth_chainId\", \"method\": \"eth_sendTransaction\"}", -32700)]
    [InlineData("[{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"eth_chainId\"}", -32700)]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"\\ud800\"}", -32700)]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"personal_sign\", \"params\": [\"\\udc00\", \"{address}\"]}", -32700)]
    [InlineData("[]", -32600)]
    [InlineData("42", -32600)]
    [InlineData("\"eth_chainId\"", -32600)]
    [InlineData("{\"jsonrpc\": \"1.0\", \"id\": 1, \"method\": \"eth_chainId\"}", -32600)]
    [InlineData("{\"id\": 1, \"method\": \"eth_chainId\"}", -32600)]
    [InlineData("{\"jsonrpc\": 2.0, \"id\": 1, \"method\": \"eth_chainId\"}", -32600)]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": 5}", -32600)]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"\"}", -32600)]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": 1}", -32600)]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"eth_chainId\", \"params\": \"x\"}", -32600)]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": {}, \"method\": \"eth_chainId\"}", -32600)]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": [1], \"method\": \"eth_chainId\"}", -32600)]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"eth_chainId\", \"extra\": true}", -32600)]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"eth_subscribe\", \"params\": [\"newHeads\"]}", -32601)]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"debug_traceTransaction\", \"params\": []}", -32601)]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"anvil_setBalance\", \"params\": []}", -32601)]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"eth_sign\", \"params\": []}", -32602)]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"eth_signTransaction\", \"params\": [{}]}", -32004)]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"eth_sendRawTransaction\", \"params\": [\"0x02\"]}", -32004)]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"eth_getBalance\", \"params\": {\"address\": \"0x0\"}}", -32602)]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"eth_blockNumber\", \"params\": [1]}", -32602)]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"eth_getBalance\", \"params\": [\"0x1\", \"latest\", 3]}", -32602)]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"personal_sign\", \"params\": [\"hello\", \"{address}\"]}", -32602)]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"personal_sign\", \"params\": [\"0x68\"]}", -32602)]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"eth_signTypedData_v4\", \"params\": [\"{address}\", \"{not json\"]}", -32602)]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"eth_signTypedData_v4\", \"params\": [\"{address}\", 5]}", -32602)]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"eth_sendTransaction\", \"params\": []}", -32602)]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"eth_sendTransaction\", \"params\": [{\"from\": \"{address}\"}]}", -32602)]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"eth_sendTransaction\", \"params\": [{\"from\": \"{address}\", \"to\": \"0x70997970C51812dc3A010C7d01b50e0d17dc79C8\", \"value\": \"1000\"}]}", -32602)]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"eth_sendTransaction\", \"params\": [{\"from\": \"{address}\", \"to\": \"0x70997970C51812dc3A010C7d01b50e0d17dc79C8\", \"value\": \"0x01\"}]}", -32602)]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"eth_sendTransaction\", \"params\": [{\"from\": \"{address}\", \"to\": \"0x70997970C51812dc3A010C7d01b50e0d17dc79C8\", \"gasPrice\": \"0x1\"}]}", -32602)]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"eth_sendTransaction\", \"params\": [{\"from\": \"{address}\", \"to\": \"0x70997970C51812dc3A010C7d01b50e0d17dc79C8\", \"type\": \"0x0\"}]}", -32602)]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"eth_sendTransaction\", \"params\": [{\"from\": \"{address}\", \"to\": \"0x70997970C51812dc3A010C7d01b50e0d17dc79C8\", \"chainId\": \"0x1\"}]}", -32602)]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"eth_sendTransaction\", \"params\": [{\"from\": \"{address}\", \"to\": \"0x70997970C51812dc3A010C7d01b50e0d17dc79C8\", \"gas\": \"0x5208\", \"data\": \"0xdeadbeef\"}]}", -32602)]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"eth_sendTransaction\", \"params\": [{\"from\": \"{address}\", \"to\": \"0x70997970C51812dc3A010C7d01b50e0d17dc79C8\", \"data\": \"0x01\", \"input\": \"0x02\"}]}", -32602)]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"eth_sendTransaction\", \"params\": [{\"from\": \"{address}\", \"to\": \"0x70997970C51812dc3A010C7d01b50e0d17dc79C8\", \"blobs\": []}]}", -32602)]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"eth_sendTransaction\", \"params\": [{\"from\": \"{address}\", \"to\": \"0x70997970C51812dc3A010C7d01b50e0d17dc79C8\", \"accessList\": [{\"address\": \"0x70997970C51812dc3A010C7d01b50e0d17dc79C8\", \"storageKeys\": []}]}]}", -32602)]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"eth_sendTransaction\", \"params\": [{\"from\": \"{address}\", \"to\": \"0x70997970c51812DC3a010c7d01b50e0d17dc79c8\"}]}", -32602)]
    public async Task A_bad_call_is_a_json_rpc_error_with_its_code_and_nothing_is_stored(string body, int code)
    {
        var (wallet, key) = await Host.CreateWalletAsync(TenEther);
        var (status, answer) = await Host.RpcAsync(wallet, body.Replace("{address}", key.Address.ToChecksumString(), StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(code, ErrorCode(answer!.Value));
        Assert.False(answer.Value.TryGetProperty("result", out _));
        Assert.Empty(await Host.ListAsync(wallet));
    }

    [Fact]
    public async Task A_batch_over_the_limit_is_one_limit_error()
    {
        var (wallet, _) = await Host.CreateWalletAsync(TenEther);
        var calls = string.Join(",", Enumerable.Range(0, 101).Select(i => $$"""{"jsonrpc": "2.0", "id": {{i}}, "method": "eth_chainId"}"""));
        var (status, answer) = await Host.RpcAsync(wallet, "[" + calls + "]");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(-32005, ErrorCode(answer!.Value));
        var (_, hundred) = await Host.RpcAsync(wallet, "[" + string.Join(",", Enumerable.Range(0, 100).Select(i => $$"""{"jsonrpc": "2.0", "id": {{i}}, "method": "eth_chainId"}""")) + "]");
        Assert.Equal(100, hundred!.Value.GetArrayLength());
    }

    [Fact]
    public async Task Another_account_than_the_wallet_is_refused_for_every_signing_method()
    {
        var (wallet, _) = await Host.CreateWalletAsync(TenEther);
        var other = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
        var send = await Host.CallAsync(wallet, "eth_sendTransaction", [new { from = other, to = other, value = "0x1" }]);
        Assert.Equal(-32000, ErrorCode(send));
        Assert.Contains("not this wallet's account", send.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(-32000, ErrorCode(await Host.CallAsync(wallet, "personal_sign", ["0x68656c6c6f", other])));
        Assert.Equal(-32000, ErrorCode(await Host.CallAsync(wallet, "eth_signTypedData_v4", [other, "{}"])));
        Assert.Empty(await Host.ListAsync(wallet));
        Assert.DoesNotContain(Host.Wallets.Requests, r => r.WalletId == wallet);
    }

    [Fact]
    public async Task Outside_the_body_the_api_answers_with_problems_another_tenants_wallet_is_a_404()
    {
        var (wallet, _) = await Host.CreateWalletAsync(TenEther);
        var call = """{"jsonrpc": "2.0", "id": 1, "method": "eth_accounts"}""";
        Assert.Equal(HttpStatusCode.NotFound, (await Host.RpcAsync(wallet, call, apiKey: TransactionsTestHost.KeyB)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Host.RpcAsync("wal_unknown", call)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Host.RpcAsync(wallet, call, apiKey: null)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Host.RpcAsync(wallet, call, query: "?chainId=999")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Host.RpcAsync(wallet, call, query: "?chainId=abc")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Host.RpcAsync(wallet, call, query: "?chainId=1&chainId=2")).Status);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await Host.RpcAsync(wallet, call, contentType: "text/plain")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Host.RpcAsync(wallet, call, contentType: "application/json; charset=utf-16")).Status);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await Host.RpcAsync(wallet, "[" + new string(' ', 300 * 1024) + "]")).Status);
        Assert.Equal(HttpStatusCode.OK, (await Host.RpcAsync(wallet, call, query: "?chainId=31337")).Status);
    }

    [Fact]
    public async Task Read_only_calls_reach_the_chain_and_the_nodes_errors_come_back_as_the_node_gave_them()
    {
        var (wallet, key) = await Host.CreateWalletAsync(TenEther);
        var balance = await Host.CallAsync(wallet, "eth_getBalance", [key.Address.ToChecksumString(), "latest"]);
        Assert.Equal(TenEther.ToQuantityString(), balance.GetProperty("result").GetString());
        var head = await Host.Anvil.Client.GetBlockNumberAsync();
        Assert.True(UInt256.ParseQuantity((await Host.CallAsync(wallet, "eth_blockNumber", [])).GetProperty("result").GetString()!) >= (UInt256)head);
        Assert.Equal(JsonValueKind.Null, (await Host.CallAsync(wallet, "eth_getTransactionReceipt", ["0x" + new string('1', 64)])).GetProperty("result").ValueKind);
        var block = await Host.CallAsync(wallet, "eth_getBlockByNumber", ["latest", false]);
        Assert.StartsWith("0x", block.GetProperty("result").GetProperty("hash").GetString(), StringComparison.Ordinal);

        var bad = await Host.CallAsync(wallet, "eth_getBalance", ["0x1234", "latest"]);
        Assert.True(bad.TryGetProperty("error", out var error), bad.ToString());
        Assert.NotEqual(-32601, error.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task The_pending_nonce_of_the_wallet_counts_the_transactions_the_service_has_not_broadcast_yet()
    {
        var (wallet, key) = await Host.CreateWalletAsync(TenEther);
        Host.Wallets.Paused = true;
        try
        {
            var (_, created) = await Host.PostTransferAsync(wallet, new { chainId = 31337, to = RandomAddress(), value = "1" });
            Assert.Equal(0UL, created.GetProperty("nonce").GetUInt64());
            Assert.Equal(0UL, await Host.Anvil.Client.GetTransactionCountAsync(key.Address, BlockParameter.Pending));
            Assert.Equal("0x1", (await Host.CallAsync(wallet, "eth_getTransactionCount", [key.Address.ToChecksumString(), "pending"])).GetProperty("result").GetString());
            Assert.Equal("0x0", (await Host.CallAsync(wallet, "eth_getTransactionCount", [key.Address.ToChecksumString(), "latest"])).GetProperty("result").GetString());

            // A nonce that is not the next one is refused (it would send a second transaction, not replace the first).
            var stale = await Host.CallAsync(wallet, "eth_sendTransaction", [new { from = key.Address.ToChecksumString(), to = RandomAddress(), value = "0x1", nonce = "0x0" }]);
            Assert.Equal(-32602, ErrorCode(stale));
            Assert.Contains("next nonce 1", stale.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Single(await Host.ListAsync(wallet));
        }
        finally
        {
            await Host.Wallets.ResumeAsync();
        }
    }

    [Fact]
    public async Task Eth_sendTransaction_goes_through_the_service_and_answers_the_hash_once_it_is_broadcast()
    {
        var (wallet, key) = await Host.CreateWalletAsync(TenEther);
        var recipient = RandomAddress();
        var from = key.Address.ToChecksumString();
        var sent = await Host.CallAsync(wallet, "eth_sendTransaction", [new { from = from.ToLowerInvariant(), to = recipient, value = "0xde0b6b3a7640000", nonce = "0x0" }], idempotencyKey: "rpc-send-1");
        var hash = sent.GetProperty("result").GetString()!;
        var transaction = Assert.Single(await Host.ListAsync(wallet));
        Assert.Equal(hash, transaction.GetProperty("attempts")[0].GetProperty("hash").GetString());
        Assert.NotNull(await Host.Anvil.Client.GetTransactionByHashAsync(hash));
        var confirmed = await Host.WaitForStatusAsync(transaction.GetProperty("id").GetString()!, "confirmed");
        Assert.Equal(hash, confirmed.GetProperty("hash").GetString());
        Assert.Contains(await Host.AuditOfAsync(confirmed.GetProperty("id").GetString()!), e => e.GetProperty("action").GetString() == "accepted");

        // The receipt comes through the same URL.
        var receipt = await Host.CallAsync(wallet, "eth_getTransactionReceipt", [hash]);
        Assert.Equal("0x1", receipt.GetProperty("result").GetProperty("status").GetString());
        Assert.Equal(from.ToLowerInvariant(), receipt.GetProperty("result").GetProperty("from").GetString());

        // The same Idempotency-Key and id: the same transaction, not a second one; another id: a new one.
        var again = await Host.CallAsync(wallet, "eth_sendTransaction", [new { from, to = recipient, value = "0xde0b6b3a7640000", nonce = "0x0" }], idempotencyKey: "rpc-send-1");
        Assert.Equal(hash, again.GetProperty("result").GetString());
        Assert.Single(await Host.ListAsync(wallet));
        var changed = await Host.CallAsync(wallet, "eth_sendTransaction", [new { from, to = recipient, value = "0x1", nonce = "0x0" }], idempotencyKey: "rpc-send-1");
        Assert.Equal(-32000, ErrorCode(changed));
        Assert.Single(await Host.ListAsync(wallet));
    }

    [Fact]
    public async Task A_doomed_transaction_is_refused_with_the_intake_reason_and_nothing_is_stored()
    {
        var (wallet, key) = await Host.CreateWalletAsync(UInt256.Parse("1000000000000000"));
        var poor = await Host.CallAsync(wallet, "eth_sendTransaction", [new { from = key.Address.ToChecksumString(), to = RandomAddress(), value = "0xde0b6b3a7640000" }]);
        Assert.Equal(-32003, ErrorCode(poor));
        Assert.Contains("insufficient funds", poor.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        var lowGas = await Host.CallAsync(wallet, "eth_sendTransaction", [new { from = key.Address.ToChecksumString(), to = RandomAddress(), gas = "0x5208", data = "0xdeadbeef" }]);
        Assert.Equal(-32602, ErrorCode(lowGas));
        Assert.True(lowGas.GetProperty("error").GetProperty("data").TryGetProperty("gas", out _), lowGas.ToString());
        Assert.Empty(await Host.ListAsync(wallet));
    }

    [Fact]
    public async Task Personal_sign_and_typed_data_are_signed_by_the_wallet_key_through_the_coordinator()
    {
        var (wallet, key) = await Host.CreateWalletAsync(TenEther);
        var address = key.Address.ToChecksumString();
        var signed = await Host.CallAsync(wallet, "personal_sign", ["0x68656c6c6f", address.ToLowerInvariant()]);
        var signature = HexBytes.Parse(signed.GetProperty("result").GetString()!);
        Assert.Equal(65, signature.Length);
        Assert.Equal(key.Address, Ethereum.Signatures.SignatureRecovery.RecoverAddress(Ethereum.Messages.PersonalMessage.Hash("hello"u8), Ethereum.Signatures.Signature.FromRsv(signature)));
        Assert.Contains(Host.Wallets.Requests, r => r.WalletId == wallet && r.Purpose == "rpc:personal_sign" && r.PreImageKind == "personalMessage" && r.PreImage == "0x68656c6c6f");

        // eth_sign is the same EIP-191 signature with the params the other way round (execution-apis), on every wallet.
        var ethSign = await Host.CallAsync(wallet, "eth_sign", [address, "0x68656c6c6f"]);
        Assert.Equal(key.Address, Ethereum.Signatures.SignatureRecovery.RecoverAddress(Ethereum.Messages.PersonalMessage.Hash("hello"u8), Ethereum.Signatures.Signature.FromRsv(HexBytes.Parse(ethSign.GetProperty("result").GetString()!))));

        var typedData = TypedMail(31337);
        var typed = await Host.CallAsync(wallet, "eth_signTypedData_v4", [address, typedData]);
        var typedSignature = Ethereum.Signatures.Signature.FromRsv(HexBytes.Parse(typed.GetProperty("result").GetString()!));
        Assert.Equal(key.Address, Ethereum.Signatures.SignatureRecovery.RecoverAddress(Ethereum.Messages.TypedData.Parse(typedData).Hash(), typedSignature));

        var otherChain = await Host.CallAsync(wallet, "eth_signTypedData_v4", [address, TypedMail(1)]);
        Assert.Equal(-32602, ErrorCode(otherChain));
        var duplicate = await Host.CallAsync(wallet, "eth_signTypedData_v4", [address, typedData.Replace("\"contents\": \"hello\"", "\"contents\": \"pay 1\", \"contents\": \"pay 1000\"", StringComparison.Ordinal)]);
        Assert.Equal(-32602, ErrorCode(duplicate));
    }

    [Fact]
    public async Task Eth_signTransaction_signs_the_transaction_as_its_pre_image_only_on_a_wallet_that_allows_raw_digests()
    {
        var transaction = new Dictionary<string, string> { ["to"] = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", ["value"] = "0x1", ["gas"] = "0x5208", ["maxFeePerGas"] = "0x3b9aca00", ["maxPriorityFeePerGas"] = "0x1", ["nonce"] = "0x7" };
        var (strict, strictKey) = await Host.CreateWalletAsync(TenEther);
        var refused = await Host.CallAsync(strict, "eth_signTransaction", [new Dictionary<string, string>(transaction) { ["from"] = strictKey.Address.ToChecksumString() }]);
        Assert.Equal(-32004, ErrorCode(refused));
        Assert.Contains("allowRawDigest", refused.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Host.Wallets.Requests, r => r.WalletId == strict);

        var (open, key) = await Host.CreateWalletAsync(TenEther, allowRawDigest: true);
        var incomplete = await Host.CallAsync(open, "eth_signTransaction", [new { from = key.Address.ToChecksumString(), to = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" }]);
        Assert.Equal(-32602, ErrorCode(incomplete));
        var signed = await Host.CallAsync(open, "eth_signTransaction", [new Dictionary<string, string>(transaction) { ["from"] = key.Address.ToChecksumString() }]);
        var decoded = Ethereum.Transactions.TransactionDecoder.Decode(signed.GetProperty("result").GetString()!);
        Assert.Equal(key.Address, decoded.Sender);
        Assert.Equal(7ul, decoded.Transaction.Nonce);
        Assert.Equal(31337ul, decoded.Transaction.ChainId);
        // Signed as a transaction (the nodes see it), not as a raw digest; nothing is stored or sent.
        var request = Assert.Single(Host.Wallets.Requests, r => r.WalletId == open);
        Assert.Equal("transaction", request.PreImageKind);
        Assert.Equal(HexBytes.ToHex(decoded.Transaction.GetSigningPayload()), request.PreImage);
        Assert.Empty(await Host.ListAsync(open));
    }

    [Fact]
    public async Task A_signature_the_coordinator_refuses_is_a_json_rpc_error()
    {
        var (wallet, key) = await Host.CreateWalletAsync(TenEther);
        Host.Wallets.FailWhen = request => request.WalletId == wallet;
        try
        {
            var refused = await Host.CallAsync(wallet, "personal_sign", ["0x68656c6c6f", key.Address.ToChecksumString()]);
            Assert.Equal(-32003, ErrorCode(refused));
            Assert.Contains("signing failed", refused.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            Host.Wallets.FailWhen = null;
        }
    }

    private static string TypedMail(ulong chainId) => $$$"""
        {"types": {"EIP712Domain": [{"name": "name", "type": "string"}, {"name": "version", "type": "string"}, {"name": "chainId", "type": "uint256"}],
                   "Mail": [{"name": "to", "type": "address"}, {"name": "contents", "type": "string"}]},
         "primaryType": "Mail",
         "domain": {"name": "MpcWallet", "version": "1", "chainId": {{{chainId}}}},
         "message": {"to": "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "contents": "hello"}}
        """;

    private static int ErrorCode(JsonElement reply) =>
        reply.TryGetProperty("error", out var error) ? error.GetProperty("code").GetInt32() : throw new Xunit.Sdk.XunitException("no error in " + reply);

    private static string RandomAddress() => EthereumAddress.FromBytes(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20)).ToChecksumString();
}
