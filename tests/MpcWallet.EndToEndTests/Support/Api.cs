using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace MpcWallet.EndToEndTests.Support;

/// <summary>Small REST helpers: post JSON with optional headers, read JSON answers.</summary>
public static class Api
{
    public static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> PostAsync(HttpClient client, string path, string json, int? wait = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (wait is { } seconds)
        {
            request.Headers.Add("Prefer", $"wait={seconds}");
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response);
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <param name="allowRawDigest">most suites sign random digests (signing mechanics, not what is signed): their wallets allow raw digests.</param>
    public static async Task<JsonElement> CreateActiveWalletAsync(HttpClient client, string label = "e2e", bool allowRawDigest = true)
    {
        var (status, body, _) = await PostAsync(client, "/v1/wallets", $$"""{"label": "{{label}}", "threshold": 2, "parties": 3, "allowRawDigest": {{(allowRawDigest ? "true" : "false")}}}""", wait: 30);
        Assert.True(status is HttpStatusCode.Created or HttpStatusCode.Accepted, $"wallet creation answered {status}: {body}");
        if (status == HttpStatusCode.Accepted)
        {
            // Key generation is CPU-bound; on a loaded 2-core machine it may outlast one Prefer: wait.
            body = await WaitForFinalAsync(client, $"/v1/wallets/{body.GetProperty("id").GetString()}", "creating", TimeSpan.FromSeconds(120));
        }

        Assert.True(body.GetProperty("status").GetString() == "active", body.ToString());
        return body;
    }

    public static Task<JsonElement> WaitForFinalAsync(HttpClient client, string path, string pendingStatus, TimeSpan timeout) =>
        Eventually.ValueAsync(
            async () => (await GetAsync(client, path)).Body,
            body => body.GetProperty("status").GetString() != pendingStatus,
            timeout,
            $"{path} is no longer {pendingStatus}");

    public static void AssertProblem(JsonElement body, int status)
    {
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        Assert.True(body.TryGetProperty("title", out _));
        Assert.True(body.TryGetProperty("type", out _));
        Assert.False(body.ToString().Contains("   at ", StringComparison.Ordinal), "a problem must never carry a stack trace");
    }
}
