using System.Text;

namespace MpcWallet.EndToEndTests.Hostile;

/// <summary>
/// The wallet JSON-RPC endpoint (<c>POST /v1/wallets/{id}/rpc</c>) under hostile input. What is wrong outside the
/// JSON (content type, size, framing, Idempotency-Key, ids, the chainId query, oversized targets and headers) is the
/// API's 4xx problem like on every endpoint; what is wrong inside it is a JSON-RPC error with HTTP 200 and id null
/// (-32700 for what is not JSON, -32600 for what is not a call), never a 5xx.
/// </summary>
public static class HostileRpcCases
{
    public const string ValidCall = """{"jsonrpc": "2.0", "id": 1, "method": "eth_chainId", "params": []}""";

    public static IReadOnlyList<HostileCase> HttpLevel(string path)
    {
        var cases = new List<HostileCase>();
        var at = "POST /v1/wallets/{id}/rpc";
        foreach (var type in new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream", "*/*" })
        {
            cases.Add(HostileCases.Case($"{at}: Content-Type {type}", new RawRequest("POST", path, HostileCases.Defaults(contentType: type), HostileCases.Utf8(ValidCall)), 400, 415));
        }

        cases.Add(HostileCases.Case($"{at}: UTF-16 body", new RawRequest("POST", path, HostileCases.Defaults(contentType: "application/json; charset=utf-16"), Encoding.Unicode.GetBytes(ValidCall)), 400));
        var huge = HostileCases.Utf8("[" + string.Join(",", Enumerable.Repeat(ValidCall, 5000)) + "]");
        cases.Add(HostileCases.Case($"{at}: 300 KB batch", new RawRequest("POST", path, HostileCases.Defaults(), huge), 413));
        cases.Add(HostileCases.Case($"{at}: 300 KB chunked batch", new RawRequest("POST", path, HostileCases.Defaults(), huge, BodyFraming.Chunked), 413));
        cases.Add(HostileCases.Case($"{at}: 31 MB chunked body", new RawRequest("POST", path, HostileCases.Defaults(), HostileCases.Filler(31 * 1024 * 1024), BodyFraming.Chunked), 413));
        cases.Add(HostileCases.Case($"{at}: 50 MB declared, 64 KB sent", new RawRequest("POST", path, HostileCases.Defaults(), HostileCases.Filler(64 * 1024), BodyFraming.ShortThenStall, 50L * 1024 * 1024), 413));
        cases.Add(new HostileCase($"{at}: body shorter than Content-Length, then closed", new RawRequest("POST", path, HostileCases.Defaults(), HostileCases.Utf8(ValidCall[..10]), BodyFraming.ShortThenClose, 500), [400], HostileCases.Quick, ClientEndsExchange: true));
        cases.Add(new HostileCase($"{at}: body shorter than Content-Length, then silent", new RawRequest("POST", path, HostileCases.Defaults(), HostileCases.Utf8(ValidCall[..10]), BodyFraming.ShortThenStall, 500), [400, 408], HostileCases.Stalled));
        cases.Add(HostileCases.Case($"{at}: 201-character Idempotency-Key", HostileCases.PostWith(path, ValidCall, ("Idempotency-Key", new string('i', 201))), 400));
        cases.Add(HostileCases.Case($"{at}: two Idempotency-Key headers", HostileCases.PostWith(path, ValidCall, ("Idempotency-Key", "key-one"), ("Idempotency-Key", "key-two")), 400));
        cases.Add(HostileCases.Case($"{at}: Idempotency-Key with a control character", HostileCases.PostWith(path, ValidCall, ("Idempotency-Key", "a\u0001key")), 400));
        foreach (var (name, query) in new[]
                 {
                     ("chainId abc", "chainId=abc"), ("chainId 0", "chainId=0"), ("chainId -1", "chainId=-1"), ("chainId not configured", "chainId=999"),
                     ("chainId 2^64", "chainId=18446744073709551616"), ("chainId repeated", "chainId=31337&chainId=31337"), ("chainId hex", "chainId=0x7a69"),
                     ("chainId empty", "chainId="), ("chainId with a space", "chainId=%2031337"), ("chainId 1e3", "chainId=1e3"),
                 })
        {
            cases.Add(HostileCases.Case($"{at}?{name}", HostileCases.Post($"{path}?{query}", ValidCall), 400));
        }

        foreach (var (name, segment) in new[] { ("unknown id", "wlt_unknown"), ("4 KB id", new string('x', 4096)), ("encoded slash traversal", "..%2F..%2Fetc%2Fpasswd"), ("invalid UTF-8 escape", "%FF%FE") })
        {
            cases.Add(HostileCases.Case($"{at}: {name}", HostileCases.Post($"/v1/wallets/{segment}/rpc", ValidCall), 404));
        }

        cases.Add(HostileCases.Case($"{at}: 10 KB path", HostileCases.Request("POST", path + "/" + new string('p', 10 * 1024), ValidCall), 414));
        cases.Add(HostileCases.Case($"{at}: 9 KB query", HostileCases.Request("POST", path + "?q=" + new string('q', 9 * 1024), ValidCall), 414));
        cases.Add(HostileCases.Case($"{at}: 100 KB header", HostileCases.Request("POST", path, ValidCall, ("X-Padding", new string('h', 100 * 1024))), 431));
        cases.Add(HostileCases.Case($"{at}: 200 headers", HostileCases.Request("POST", path, ValidCall, [.. Enumerable.Range(0, 200).Select(i => ($"X-Header-{i}", "v"))]), 431));
        return cases;
    }

    /// <summary>Bodies that are not JSON-RPC calls: each must be answered 200 with one JSON-RPC error of this code and id null.</summary>
    public static IReadOnlyList<(string Name, RawRequest Request, int Code)> InsideTheBody(string path)
    {
        var bodies = new (string Name, string Text, int Code)[]
        {
            ("empty body", "", -32700), ("whitespace body", "   \n  ", -32700), ("truncated JSON", "{\"jsonrpc\": ", -32700), ("trailing garbage", ValidCall + "}}", -32700),
            ("single quotes", "{'jsonrpc': '2.0'}", -32700), ("trailing comma", ValidCall.Replace("[]}", "[],}", StringComparison.Ordinal), -32700), ("comment", "{/* c */}", -32700),
            ("NaN id", "{\"jsonrpc\": \"2.0\", \"id\": NaN, \"method\": \"eth_chainId\"}", -32700), ("unquoted key", "{jsonrpc: \"2.0\"}", -32700), ("two documents", ValidCall + ValidCall, -32700),
            ("duplicate method (a viewer shows one, the server would run another)", "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"eth_chainId\", \"method\": \"eth_sendTransaction\"}", -32700),
            ("duplicate key 5 levels deep", "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"eth_call\", \"params\": [{\"a\": {\"b\": {\"c\": {\"d\": 1, \"d\": 2}}}}]}", -32700),
            ("nesting 65 deep", "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"eth_call\", \"params\": " + new string('[', 65) + new string(']', 65) + "}", -32700),
            ("nesting 100000 deep", new string('[', 100_000) + new string(']', 100_000), -32700),
            ("lone surrogate escape in the method", "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"\\ud800\"}", -32700),
            ("lone surrogate escape in a member name", "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"eth_chainId\", \"\\udfff\": 1}", -32700),
            ("bad escape", "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"\\x41\"}", -32700),
            ("empty batch", "[]", -32600), ("string", "\"eth_chainId\"", -32600), ("null", "null", -32600), ("number", "42", -32600), ("true", "true", -32600),
            ("id an object", "{\"jsonrpc\": \"2.0\", \"id\": {}, \"method\": \"eth_chainId\"}", -32600),
            ("id a 10 KB string", "{\"jsonrpc\": \"2.0\", \"id\": \"" + new string('i', 10_000) + "\", \"method\": \"eth_chainId\"}", -32600),
            ("batch of 101 calls", "[" + string.Join(",", Enumerable.Repeat(ValidCall, 101)) + "]", -32005),
        };
        var cases = bodies.Select(b => (b.Name, HostileCases.Post(path, b.Text), b.Code)).ToList();
        cases.Add(("invalid UTF-8", new RawRequest("POST", path, HostileCases.Defaults(), [.. "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \""u8, 0xff, 0xfe, 0xc3, .. "\"}"u8]), -32700));
        cases.Add(("empty chunked body", new RawRequest("POST", path, HostileCases.Defaults(), [], BodyFraming.Chunked), -32700));
        return cases;
    }
}
