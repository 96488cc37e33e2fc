using System.Net;
using System.Text;
using System.Text.Json;

namespace MpcWallet.Ethereum.Tests.TestSupport;

/// <summary>An HttpMessageHandler that plays a script of answers (or failures) and records every request body.</summary>
internal sealed class ScriptedHttpHandler : HttpMessageHandler
{
    private readonly Queue<Func<string, CancellationToken, Task<HttpResponseMessage>>> _script = new();

    public List<string> Requests { get; } = [];

    public ScriptedHttpHandler Then(Func<string, CancellationToken, Task<HttpResponseMessage>> step)
    {
        _script.Enqueue(step);
        return this;
    }

    public ScriptedHttpHandler ThenResult(string resultJson) => Then((body, _) => Task.FromResult(Json(Envelope(body, "\"result\":" + resultJson))));

    public ScriptedHttpHandler ThenError(int code, string message, string? dataJson = null) =>
        Then((body, _) => Task.FromResult(Json(Envelope(body, $"\"error\":{{\"code\":{code},\"message\":{JsonSerializer.Serialize(message)}{(dataJson is null ? "" : ",\"data\":" + dataJson)}}}"))));

    public ScriptedHttpHandler ThenConnectionFailure() => Then((_, _) => throw new HttpRequestException("connection refused"));

    public ScriptedHttpHandler ThenStatus(HttpStatusCode status, string body = "") =>
        Then((_, _) => Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body) }));

    public ScriptedHttpHandler ThenHang() => Then(async (_, token) =>
    {
        await Task.Delay(Timeout.Infinite, token);
        throw new InvalidOperationException("unreachable");
    });

    public static HttpResponseMessage Json(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    /// <summary>A JSON-RPC response object echoing the request's id.</summary>
    public static string Envelope(string requestBody, string member)
    {
        using var request = JsonDocument.Parse(requestBody);
        return $"{{\"jsonrpc\":\"2.0\",\"id\":{request.RootElement.GetProperty("id").GetRawText()},{member}}}";
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsStringAsync(cancellationToken);
        Requests.Add(body);
        if (_script.Count == 0)
        {
            throw new InvalidOperationException("The script has no answer for request: " + body);
        }

        return await _script.Dequeue()(body, cancellationToken);
    }
}
