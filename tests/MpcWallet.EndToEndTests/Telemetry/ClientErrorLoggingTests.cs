using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MpcWallet.EndToEndTests.Support;

namespace MpcWallet.EndToEndTests.Telemetry;

/// <summary>
/// Expected client errors (validation, not found, conflict, unauthenticated, wrong method, unreadable input) are
/// answered with their 4xx and logged, if at all, without an exception (no stack trace in the logs); log entries
/// written while a request runs carry its trace id, span id and request id.
/// </summary>
public sealed class ClientErrorLoggingTests
{
    /// <remarks>Development matters: there minimal APIs throw their binding failures (<c>BadHttpRequestException</c>) instead of answering them.</remarks>
    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task Expected_4xx_answers_log_no_exception_and_request_logs_carry_trace_and_request_ids(string environment)
    {
        var logs = new RecordingLoggerProvider();
        await using var host = await TestHost.StartAsync(
            Backend.InMemorySqlite,
            // Chattier than the shipped levels (ASP.NET Core at Information, not Warning): no exception even there.
            extraArgs: ["--environment", environment, "--Logging:LogLevel:Default", "Information", "--Logging:LogLevel:Microsoft.AspNetCore", "Information"],
            configureServices: services => services.AddSingleton<ILoggerProvider>(logs).AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, UnreadableRequestFilter>());
        using var client = new HttpClient(new UntracedHandler()) { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestHost.KeyA);
        var wallet = await Api.CreateActiveWalletAsync(client, "client-errors");
        var walletId = wallet.GetProperty("id").GetString()!;
        logs.Entries.Clear();

        var key = "client-errors-" + Guid.NewGuid().ToString("N");
        var cases = new (string What, HttpRequestMessage Request, HttpStatusCode Expected)[]
        {
            ("unknown wallet", new(HttpMethod.Get, "/v1/wallets/wlt_00000000000000000000000000000000"), HttpStatusCode.NotFound),
            ("unknown signature", new(HttpMethod.Get, "/v1/signatures/sig_nope"), HttpStatusCode.NotFound),
            ("unknown route", new(HttpMethod.Get, "/v1/nothing-here"), HttpStatusCode.NotFound),
            ("wrong method", new(HttpMethod.Delete, "/v1/wallets"), HttpStatusCode.MethodNotAllowed),
            ("threshold above parties", Json("/v1/wallets", """{"label": "x", "threshold": 5, "parties": 3}"""), HttpStatusCode.BadRequest),
            ("malformed JSON", Json("/v1/wallets", """{"label": """), HttpStatusCode.BadRequest),
            ("not JSON", new(HttpMethod.Post, "/v1/wallets") { Content = new StringContent("label=x", Encoding.UTF8, "application/x-www-form-urlencoded") }, HttpStatusCode.UnsupportedMediaType),
            ("bad paging", new(HttpMethod.Get, "/v1/wallets?limit=abc"), HttpStatusCode.BadRequest),
            ("bad digest", Json($"/v1/wallets/{walletId}/signatures", """{"type": "digest", "digest": "0x12"}"""), HttpStatusCode.BadRequest),
            ("signature for an unknown wallet", Json("/v1/wallets/wlt_00000000000000000000000000000000/signatures", """{"type": "personalMessage", "message": "x"}"""), HttpStatusCode.NotFound),
            ("idempotency key first use", Json("/v1/wallets", """{"label": "a", "threshold": 2, "parties": 3}""", key), HttpStatusCode.Accepted),
            ("idempotency key reused with another body", Json("/v1/wallets", """{"label": "b", "threshold": 2, "parties": 3}""", key), HttpStatusCode.Conflict),
            ("a request the framework could not read", new(HttpMethod.Get, UnreadableRequestFilter.Path), HttpStatusCode.BadRequest),
            ("body over the limit", Json("/v1/wallets", "{\"label\": \"" + new string('x', 2_000_000) + "\"}"), HttpStatusCode.RequestEntityTooLarge),
        };
        foreach (var (what, request, expected) in cases)
        {
            using var response = await client.SendAsync(request);
            Assert.True(
                response.StatusCode == expected || (expected == HttpStatusCode.Accepted && response.IsSuccessStatusCode),
                $"{what}: expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        using (var anonymous = new HttpClient(new UntracedHandler()) { BaseAddress = host.BaseAddress })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/v1/wallets")).StatusCode);
        }

        var withException = logs.Entries.Where(e => e.Exception is not null).ToList();
        var requestEntries = logs.Entries.Where(e => e.Scope.ContainsKey("RequestId")).ToList();
        Assert.True(withException.Count == 0, "expected 4xx logged with an exception:\n" + string.Join("\n", withException.Select(e => $"{e.Level} {e.Category}: {e.Message} — {e.Exception!.GetType().Name}")));

        // The unreadable request is one line (status, method, path, reason) in the request's scope.
        var unreadable = Assert.Single(logs.Entries, e => e.Category == "MpcWallet.Http.ClientErrors");
        Assert.Equal($"400 for GET {UnreadableRequestFilter.Path}: the test's request could not be read", unreadable.Message);
        Assert.True(unreadable.Scope.ContainsKey("RequestId") && unreadable.Scope.ContainsKey("TraceId"));

        // What a request logs carries the request id and the trace and span ids of that request (logging scopes).
        Assert.NotEmpty(requestEntries);
        Assert.All(requestEntries, e => Assert.True(e.Scope.TryGetValue("TraceId", out var trace) && trace is { Length: 32 } && e.Scope.GetValueOrDefault("SpanId") is { Length: 16 }, $"{e.Category}: {e.Message} has no trace id / span id"));
        Assert.True(requestEntries.Select(e => e.Scope["RequestId"]).Distinct().Count() > 1, "each request has its own request id");
    }

    private static HttpRequestMessage Json(string path, string body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return request;
    }
}
