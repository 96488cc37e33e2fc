using System.Text;
using MpcWallet.EndToEndTests.Support;

namespace MpcWallet.EndToEndTests.Hostile;

/// <summary>
/// Requests Kestrel itself refuses while parsing the request line and headers, before any middleware runs: its
/// answer is a bare status line with an empty body, which no application code can shape (README, "Bad input").
/// Each case names the status Kestrel gives.
/// </summary>
public static class ServerLevelCases
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static IReadOnlyList<HostileCase> All(string walletId)
    {
        var key = "Bearer " + TestHost.KeyA;
        string Head(string requestLine, params string[] headers) =>
            requestLine + "\r\n" + string.Concat(headers.Select(h => h + "\r\n")) + "\r\n";
        HostileCase Raw(string name, string text, int status) =>
            new(name, new RawRequest("GET", "", [], [], Raw: Encoding.UTF8.GetBytes(text)), [status], Timeout);

        var common = new[] { "Host: 127.0.0.1", "Connection: close", "Authorization: " + key };
        return
        [
            Raw("NUL (%00) in the path", Head("GET /v1/wallets/%00 HTTP/1.1", common), 400),
            Raw("NUL (%00) inside a path segment", Head($"GET /v1/wallets/{walletId}%00x HTTP/1.1", common), 400),
            Raw("request line over the server's 128 KB limit", Head("GET /v1/wallets?q=" + new string('q', 200 * 1024) + " HTTP/1.1", common), 414),
            Raw("headers over the server's 128 KB limit", Head("GET /v1/wallets HTTP/1.1", [.. common, "X-Padding: " + new string('h', 200 * 1024)]), 431),
            Raw("more than the server's 1000 headers", Head("GET /v1/wallets HTTP/1.1", [.. common, .. Enumerable.Range(0, 1100).Select(i => $"X-H{i}: v")]), 431),
            Raw("no Host header", Head("GET /v1/wallets HTTP/1.1", "Connection: close", "Authorization: " + key), 400),
            Raw("two Host headers", Head("GET /v1/wallets HTTP/1.1", [.. common, "Host: example.com"]), 400),
            Raw("a header line without a colon", Head("GET /v1/wallets HTTP/1.1", [.. common, "NoColonHere"]), 400),
            Raw("a space before the header colon", Head("GET /v1/wallets HTTP/1.1", [.. common, "X-Bad : value"]), 400),
            Raw("a folded header line", Head("GET /v1/wallets HTTP/1.1", [.. common, "X-Folded: a", " continued"]), 400),
            Raw("Transfer-Encoding not ending in chunked", Head("POST /v1/wallets HTTP/1.1", [.. common, "Transfer-Encoding: gzip"]) + "{}", 400),
            Raw("two different Content-Length headers", Head("POST /v1/wallets HTTP/1.1", [.. common, "Content-Length: 2", "Content-Length: 3"]) + "{}", 400),
            Raw("a Content-Length that is not a number", Head("POST /v1/wallets HTTP/1.1", [.. common, "Content-Length: two"]) + "{}", 400),
            Raw("a negative Content-Length", Head("POST /v1/wallets HTTP/1.1", [.. common, "Content-Length: -1"]) + "{}", 400),
            Raw("an invalid method token", Head("G(T /v1/wallets HTTP/1.1", common), 400),
            Raw("a request target that is not a path", Head("GET v1/wallets HTTP/1.1", common), 400),
            Raw("garbage instead of a request line", "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\r\n\r\n", 400),
        ];
    }
}
