using System.Net;
using System.Text;
using MpcWallet.Client;
using MpcWallet.Client.Transactions;
using MpcWallet.Client.Wallets;

namespace MpcWallet.Clients.Tests;

/// <summary>The client's HTTP rules without a server: retries keep the idempotency key, headers, problem parsing, base paths.</summary>
public sealed class ClientHttpTests
{
    private const string WalletJson = """{"id":"wlt_1","label":"x","threshold":2,"parties":3,"status":"creating","nodes":[],"createdAt":"2026-12-01T00:00:00Z","futureField":7}""";

    [Fact]
    public async Task A_creating_post_is_retried_after_a_503_with_the_same_idempotency_key_and_prefer_header()
    {
        var handler = new ScriptedHandler(
            _ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable),
            _ => Json(HttpStatusCode.Accepted, WalletJson));
        using var client = Client(handler);

        var wallet = await client.Wallets.CreateAsync(new CreateWalletRequest("x"), RequestOptions.WaitingFor(TimeSpan.FromSeconds(5)));

        Assert.Equal("wlt_1", wallet.Id);
        Assert.Equal(7, wallet.AdditionalProperties!["futureField"].GetInt32());
        Assert.Equal(2, handler.Requests.Count);
        var keys = handler.Requests.Select(r => r.Headers.GetValues("Idempotency-Key").Single()).Distinct().ToArray();
        Assert.Single(keys);
        Assert.All(handler.Requests, r => Assert.Equal("wait=5", r.Headers.GetValues("Prefer").Single()));
        Assert.All(handler.Requests, r => Assert.Equal("Bearer key", r.Headers.Authorization!.ToString()));
        Assert.Equal("http://mpc.test/api/v1/wallets", handler.Requests[0].RequestUri!.ToString());
    }

    [Fact]
    public async Task The_raw_digest_policy_is_sent_only_when_given_and_read_back_from_the_wallet()
    {
        var handler = new ScriptedHandler(
            _ => Json(HttpStatusCode.Accepted, WalletJson.Replace("\"nodes\":[]", "\"nodes\":[],\"allowRawDigest\":true", StringComparison.Ordinal)),
            _ => Json(HttpStatusCode.Accepted, WalletJson.Replace("\"nodes\":[]", "\"nodes\":[],\"allowRawDigest\":false", StringComparison.Ordinal)));
        using var client = Client(handler);

        var open = await client.Wallets.CreateAsync(new CreateWalletRequest("x", AllowRawDigest: true));
        var strict = await client.Wallets.CreateAsync(new CreateWalletRequest("x"));

        Assert.Equal("""{"label":"x","allowRawDigest":true}""", handler.Bodies[0]);
        Assert.Equal("""{"label":"x"}""", handler.Bodies[1]);
        Assert.True(open.AllowRawDigest);
        Assert.False(strict.AllowRawDigest);
    }

    [Fact]
    public async Task Without_an_idempotency_key_a_post_is_never_retried()
    {
        var handler = new ScriptedHandler(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("<html>down</html>") });
        using var client = Client(handler, new MpcWalletClientOptions { AutomaticIdempotencyKeys = false });

        var error = await Assert.ThrowsAsync<MpcWalletProblemException>(() => client.Wallets.CreateAsync(new CreateWalletRequest("x")));

        Assert.Single(handler.Requests);
        Assert.False(handler.Requests[0].Headers.Contains("Idempotency-Key"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.Status);
        Assert.Equal("<html>down</html>", error.Detail);
    }

    [Fact]
    public async Task Problem_details_fill_the_exception_with_errors_and_extensions()
    {
        var handler = new ScriptedHandler(_ => Json(
            HttpStatusCode.UnprocessableEntity,
            """{"type":"https://tools.ietf.org/html/rfc4918#section-11.2","title":"Insufficient funds.","status":422,"detail":"balance 0 < 1","errors":{"value":["too much"]},"transactionId":"tx_9"}""",
            "application/problem+json"));
        using var client = Client(handler);

        var error = await Assert.ThrowsAsync<MpcWalletProblemException>(() => client.Transactions.CreateAsync("wlt_1", new TransferRequest { ChainId = 1, To = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", Value = 1 }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Status);
        Assert.Equal("Insufficient funds.", error.Title);
        Assert.Equal("balance 0 < 1", error.Detail);
        Assert.Equal(["too much"], error.Errors["value"]);
        Assert.Equal("tx_9", error.Extensions["transactionId"].GetString());
        Assert.Equal("https://tools.ietf.org/html/rfc4918#section-11.2", error.Type);
        Assert.Single(handler.Requests); // a 422 is an answer, not a transport failure: no retry
    }

    [Fact]
    public async Task Transfer_bodies_carry_decimal_amounts_and_leave_out_what_is_not_set()
    {
        var handler = new ScriptedHandler(_ => Json(HttpStatusCode.Created, """{"id":"tx_1","walletId":"wlt_1","status":"queued","value":"115792089237316195423570985008687907853269984665640564039457584007913129639935"}"""));
        using var client = Client(handler);

        var transaction = await client.Transactions.CreateAsync("wlt 1/x", new TransferRequest { ChainId = 31337, To = "0xabc", Value = System.Numerics.BigInteger.Pow(10, 30), MaxFeePerGas = 5 });

        Assert.Equal(System.Numerics.BigInteger.Pow(2, 256) - 1, transaction.Value);
        Assert.Equal("http://mpc.test/api/v1/wallets/wlt%201%2Fx/transactions", handler.Requests[0].RequestUri!.AbsoluteUri);
        Assert.Equal("""{"chainId":31337,"to":"0xabc","value":"1000000000000000000000000000000","maxFeePerGas":"5"}""", handler.Bodies[0]);
    }

    [Fact]
    public async Task Token_transfers_contract_calls_cancels_and_speed_ups_send_their_documented_bodies()
    {
        const string Resource = """
            {"id":"tx_1","walletId":"wlt_1","status":"submitted","kind":"erc20Transfer",
             "token":{"address":"0xTOKEN","symbol":"TT","decimals":6,"recipient":"0xTO","amount":"400000"},
             "call":null,
             "attempts":[{"hash":"0x01","maxFeePerGas":"2","maxPriorityFeePerGas":"1","number":1,"kind":"original","cancels":false,"mined":false,"status":"submitted"},
                         {"hash":null,"maxFeePerGas":"3","maxPriorityFeePerGas":"2","number":2,"kind":"cancel","cancels":true,"mined":false,"status":"signing"}]}
            """;
        var handler = new ScriptedHandler(_ => Json(HttpStatusCode.Accepted, Resource));
        using var client = Client(handler);

        var token = await client.Transactions.CreateAsync("wlt_1", new Erc20TransferRequest { ChainId = 31337, Token = "0xTOKEN", To = "0xTO", Amount = 400_000, AllowBelowBaseFee = true });
        await client.Transactions.CreateAsync("wlt_1", new ContractCallRequest
        {
            ChainId = 31337,
            To = "0xC",
            Abi = ContractCallRequest.Fragment("function approve(address spender, uint256 value)"),
            Args = ContractCallRequest.Arguments("0xS", "16"),
            Value = 0,
        });
        await client.Transactions.CancelAsync("tx_1");
        await client.Transactions.SpeedUpAsync("tx_1", new ReplacementFees(2_200_000_001, 1_100_000_001), RequestOptions.WithKey("speed-1"));

        Assert.Equal("""{"chainId":31337,"kind":"erc20Transfer","token":"0xTOKEN","to":"0xTO","amount":"400000","allowBelowBaseFee":true}""", handler.Bodies[0]);
        Assert.Equal("""{"chainId":31337,"kind":"contractCall","to":"0xC","abi":"function approve(address spender, uint256 value)","args":["0xS","16"]}""", handler.Bodies[1]);
        Assert.Equal("http://mpc.test/api/v1/transactions/tx_1/cancel", handler.Requests[2].RequestUri!.AbsoluteUri);
        Assert.Equal("{}", handler.Bodies[2]);
        Assert.Equal("http://mpc.test/api/v1/transactions/tx_1/speedup", handler.Requests[3].RequestUri!.AbsoluteUri);
        Assert.Equal("""{"maxFeePerGas":"2200000001","maxPriorityFeePerGas":"1100000001"}""", handler.Bodies[3]);
        Assert.Equal("speed-1", handler.Requests[3].Headers.GetValues("Idempotency-Key").Single());
        Assert.All(handler.Requests, r => Assert.True(r.Headers.Contains("Idempotency-Key")));

        Assert.Equal(new TokenTransfer("0xTOKEN", "TT", 6, "0xTO", 400_000), token.Token);
        Assert.Null(token.Call);
        Assert.Equal([TransactionAttempt.Original, TransactionAttempt.Cancel], token.Attempts.Select(a => a.Kind));
        Assert.True(token.Attempts[1].Cancels);
        Assert.Null(token.Attempts[1].Hash);
        Assert.False(token.IsFinal);
        Assert.True((token with { Status = Transaction.Cancelled }).IsFinal);
    }

    private static MpcWalletClient Client(ScriptedHandler handler, MpcWalletClientOptions? options = null) =>
        new(new HttpClient(handler), (options ?? new MpcWalletClientOptions()) with { BaseAddress = new Uri("http://mpc.test/api"), ApiKey = "key", RetryDelay = TimeSpan.FromMilliseconds(1) });

    private static HttpResponseMessage Json(HttpStatusCode status, string json, string mediaType = "application/json") =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, mediaType) };

    private sealed class ScriptedHandler(params Func<HttpRequestMessage, HttpResponseMessage>[] answers) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        public List<string> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            Bodies.Add(request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken));
            return answers[Math.Min(Requests.Count - 1, answers.Length - 1)](request);
        }
    }
}
