using System.Text;
using MpcWallet.EndToEndTests.Support;

namespace MpcWallet.EndToEndTests.Hostile;

/// <summary>
/// The bad requests of the hostile-input suite, across every endpoint, field, header and query parameter:
/// authentication, methods, malformed and oversized bodies (declared, chunked, short), content types, duplicate keys,
/// deep nesting, every field of every request body with wrong types and out-of-range values, bad ids, bad page
/// limits and cursors, Idempotency-Key and Prefer abuse, and oversized paths, queries and headers.
/// </summary>
public static class HostileCases
{
    internal static readonly TimeSpan Quick = TimeSpan.FromSeconds(20);

    // A body that stops short and then waits is answered only when the server's body-read rate check gives up.
    internal static readonly TimeSpan Stalled = TimeSpan.FromSeconds(45);

    private const string Digest = "0x1111111111111111111111111111111111111111111111111111111111111111";
    private const string Recipient = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

    /// <param name="walletId">An active wallet of <see cref="TestHost.TenantA"/>, known to the transaction service.</param>
    public static IReadOnlyList<HostileCase> All(string walletId)
    {
        var cases = new List<HostileCase>();
        var wallets = "/v1/wallets";
        var wallet = $"/v1/wallets/{walletId}";
        var signatures = $"/v1/wallets/{walletId}/signatures";
        var transfers = $"/v1/wallets/{walletId}/transactions";
        var validWallet = """{"label": "hostile", "threshold": 2, "parties": 3}""";
        var validSignature = $$"""{"type": "digest", "digest": "{{Digest}}"}""";
        var validTransfer = $$"""{"chainId": 31337, "to": "{{Recipient}}", "value": "1"}""";
        var cancel = "/v1/transactions/tx_unknown/cancel";
        var speedUp = "/v1/transactions/tx_unknown/speedup";
        var validFees = """{"maxFeePerGas": "3000000000", "maxPriorityFeePerGas": "2000000000"}""";
        var rpc = $"/v1/wallets/{walletId}/rpc";

        var endpoints = new (string Method, string Path, string? Body)[]
        {
            ("GET", wallets, null),
            ("POST", wallets, validWallet),
            ("GET", wallet, null),
            ("POST", signatures, validSignature),
            ("GET", "/v1/signatures/sig_unknown", null),
            ("GET", "/v1/nodes", null),
            ("POST", transfers, validTransfer),
            ("GET", "/v1/transactions/tx_unknown", null),
            ("GET", transfers, null),
            ("GET", "/v1/audit/verification", null),
            ("GET", "/v1/transactions/tx_unknown/audit", null),
            ("POST", cancel, validFees),
            ("POST", speedUp, "{}"),
            ("POST", rpc, HostileRpcCases.ValidCall),
            ("GET", "/v1/admin/cluster", null),
            ("GET", "/v1/admin/wallets", null),
            ("GET", "/v1/admin/signatures", null),
            ("GET", "/v1/admin/transactions", null),
            ("GET", "/v1/admin/audit/verification", null),
            ("GET", "/v1/admin/queues", null),
        };

        // Authentication: every endpoint refuses a missing, malformed or unknown key with 401.
        var authorizations = new (string Name, string[] Values)[]
        {
            ("no Authorization", []),
            ("empty Bearer", ["Bearer"]),
            ("unknown key", ["Bearer not-a-key-of-anyone"]),
            ("Basic scheme", ["Basic dXNlcjpwYXNzd29yZA=="]),
            ("key with trailing junk", [$"Bearer {TestHost.KeyA} junk"]),
            ("two Authorization headers", [$"Bearer {TestHost.KeyA}", "Bearer not-a-key-of-anyone"]),
            ("10 KB key", ["Bearer " + new string('k', 10_000)]),
            ("Token scheme", [$"Token {TestHost.KeyA}"]),
        };
        foreach (var (method, path, body) in endpoints)
        {
            foreach (var (name, values) in authorizations)
            {
                var headers = Defaults(authorization: null, json: body is not null);
                headers.AddRange(values.Select(v => ("Authorization", v)));
                cases.Add(Case($"{method} {Template(path, walletId)}: {name}", new RawRequest(method, path, headers, Utf8(body ?? "")), 401));
            }
        }

        // Methods no route has: 405 with a problem body.
        foreach (var (method, path) in new[]
                 {
                     ("PUT", wallets), ("DELETE", wallets), ("PATCH", wallets),
                     ("PUT", wallet), ("DELETE", wallet), ("POST", wallet), ("PATCH", wallet),
                     ("GET", signatures), ("PUT", signatures), ("DELETE", signatures),
                     ("POST", "/v1/signatures/sig_unknown"), ("DELETE", "/v1/signatures/sig_unknown"),
                     ("POST", "/v1/nodes"), ("DELETE", "/v1/nodes"),
                     ("PUT", transfers), ("DELETE", transfers),
                     ("POST", "/v1/transactions/tx_unknown"), ("DELETE", "/v1/transactions/tx_unknown"),
                     ("POST", "/v1/audit/verification"), ("POST", "/v1/transactions/tx_unknown/audit"),
                     ("OPTIONS", wallets), ("OPTIONS", signatures),
                     ("GET", cancel), ("PUT", cancel), ("DELETE", speedUp), ("GET", speedUp),
                     ("GET", rpc), ("PUT", rpc), ("DELETE", rpc),
                 })
        {
            cases.Add(Case($"{method} {Template(path, walletId)}: no such method", new RawRequest(method, path, Defaults(), []), 405));
        }

        // Bodies every POST endpoint must refuse, whatever the endpoint.
        // (cancel and speed-up take no body at all as well: their "empty body" is an unknown transaction, 404.)
        foreach (var (path, valid) in new[] { (wallets, validWallet), (signatures, validSignature), (transfers, validTransfer), (cancel, validFees), (speedUp, validFees) })
        {
            var at = "POST " + Template(path, walletId);
            var bodyOptional = path == cancel || path == speedUp;
            foreach (var (name, text) in new[]
                     {
                         ("empty body", ""), ("whitespace body", "   \n  "), ("truncated JSON", "{\"label\": "), ("trailing garbage", valid + "}}"),
                         ("array", "[]"), ("string", "\"hello\""), ("null", "null"), ("number", "42"), ("true", "true"),
                         ("single quotes", "{'label': 'x'}"), ("trailing comma", "{\"label\": \"x\",}"), ("comment", "{/* c */}"),
                         ("NaN", "{\"threshold\": NaN}"), ("unquoted key", "{label: \"x\"}"), ("two documents", valid + valid),
                         ("duplicate key", valid.Insert(1, "\"dup\": 1, \"dup\": 2, ")),
                         ("duplicate key 5 levels deep", valid.Insert(1, "\"extra\": {\"a\": {\"b\": {\"c\": {\"d\": 1, \"d\": 2}}}}, ")),
                         ("nesting 65 deep", valid.Insert(1, "\"extra\": " + new string('[', 65) + new string(']', 65) + ", ")),
                         ("nesting 100000 deep", new string('[', 100_000) + new string(']', 100_000)),
                         ("lone surrogate escape", "{\"label\": \"\\ud800\"}"),
                         ("lone surrogate escape in a member name", valid.Insert(1, "\"\\udfff\": 1, ")),
                         ("bad escape", "{\"label\": \"\\x41\"}"),
                     })
            {
                cases.Add(Case($"{at}: {name}", Post(path, text), bodyOptional && text.Length == 0 ? 404 : 400));
            }

            cases.Add(Case($"{at}: invalid UTF-8", new RawRequest("POST", path, Defaults(), [.. "{\"label\": \""u8, 0xff, 0xfe, 0xc3, .. "\"}"u8]), 400));
            cases.Add(Case($"{at}: UTF-16 body", new RawRequest("POST", path, Defaults(contentType: "application/json; charset=utf-16"), Encoding.Unicode.GetBytes(valid)), 400));
            foreach (var type in new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream", "image/png", "*/*" })
            {
                cases.Add(Case($"{at}: Content-Type {type}", new RawRequest("POST", path, Defaults(contentType: type), Utf8(valid)), 400, 415));
            }

            // Size: declared, chunked and short bodies.
            var huge = Utf8(valid.Insert(1, $"\"padding\": \"{new string('p', 300 * 1024)}\", "));
            cases.Add(Case($"{at}: 300 KB body", new RawRequest("POST", path, Defaults(), huge), 413));
            cases.Add(Case($"{at}: 300 KB chunked body", new RawRequest("POST", path, Defaults(), huge, BodyFraming.Chunked), 413));
            cases.Add(Case($"{at}: 31 MB chunked body", new RawRequest("POST", path, Defaults(), Filler(31 * 1024 * 1024), BodyFraming.Chunked), 413));
            cases.Add(Case($"{at}: 50 MB declared, 64 KB sent", new RawRequest("POST", path, Defaults(), Filler(64 * 1024), BodyFraming.ShortThenStall, 50L * 1024 * 1024), 413));
            cases.Add(new HostileCase($"{at}: body shorter than Content-Length, then closed", new RawRequest("POST", path, Defaults(), Utf8(valid[..10]), BodyFraming.ShortThenClose, 500), [400], Quick, ClientEndsExchange: true));
            cases.Add(new HostileCase($"{at}: body shorter than Content-Length, then silent", new RawRequest("POST", path, Defaults(), Utf8(valid[..10]), BodyFraming.ShortThenStall, 500), [400, 408], Stalled));
            cases.Add(Case($"{at}: empty chunked body", new RawRequest("POST", path, Defaults(), [], BodyFraming.Chunked), 400));

            // Idempotency-Key abuse (the body is valid: the key alone must be refused).
            cases.Add(Case($"{at}: 201-character Idempotency-Key", PostWith(path, valid, ("Idempotency-Key", new string('i', 201))), 400));
            cases.Add(Case($"{at}: 10 KB Idempotency-Key", PostWith(path, valid, ("Idempotency-Key", new string('i', 10_000))), 400));
            cases.Add(Case($"{at}: two Idempotency-Key headers", PostWith(path, valid, ("Idempotency-Key", "key-one"), ("Idempotency-Key", "key-two")), 400));
            cases.Add(Case($"{at}: non-ASCII Idempotency-Key", PostWith(path, valid, ("Idempotency-Key", "ключ-идемпотентности")), 400));
            cases.Add(Case($"{at}: Idempotency-Key with a tab", PostWith(path, valid, ("Idempotency-Key", "a\tkey")), 400));
            cases.Add(Case($"{at}: Idempotency-Key with a control character", PostWith(path, valid, ("Idempotency-Key", "a\u0001key")), 400));
            cases.Add(Case($"{at}: chunk size that is not hex", new RawRequest("POST", path, [], [], Raw: Encoding.ASCII.GetBytes(
                $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: Bearer {TestHost.KeyA}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{{}}\r\n0\r\n\r\n")), 400));
        }

        AddWalletFields(cases, wallets);
        AddSignatureFields(cases, signatures);
        AddTransferFields(cases, transfers);
        AddKindFields(cases, transfers);
        AddReplacementFields(cases, cancel, speedUp);
        AddIds(cases, validSignature, validTransfer, validFees);
        AddPages(cases, wallets, transfers);
        AddPrefer(cases, signatures, validSignature);
        AddSizes(cases, wallets, wallet, signatures, transfers, walletId, validSignature);
        cases.AddRange(HostileRpcCases.HttpLevel(rpc));
        return cases;
    }

    private static void AddWalletFields(List<HostileCase> cases, string path)
    {
        foreach (var (name, json) in new[]
                 {
                     ("label a number", """{"label": 1}"""), ("label an object", """{"label": {}}"""), ("label an array", """{"label": ["a"]}"""),
                     ("label 201 characters", $$"""{"label": "{{new string('l', 201)}}"}"""), ("label with a control character", """{"label": "a\u0001b"}"""),
                     ("label with a newline", """{"label": "a\nb"}"""), ("label true", """{"label": true}"""),
                     ("threshold a string", """{"threshold": "2"}"""), ("threshold a fraction", """{"threshold": 2.5}"""), ("threshold negative", """{"threshold": -1}"""),
                     ("threshold 0", """{"threshold": 0}"""), ("threshold 1", """{"threshold": 1}"""), ("threshold above parties", """{"threshold": 4, "parties": 3}"""),
                     ("threshold 2^31", """{"threshold": 2147483648}"""), ("threshold exponent", """{"threshold": 2e0}"""), ("threshold true", """{"threshold": true}"""),
                     ("threshold an array", """{"threshold": [2]}"""), ("threshold 1e400", """{"threshold": 1e400}"""),
                     ("parties 0", """{"parties": 0}"""), ("parties 1", """{"parties": 1}"""), ("parties 9 (more than nodes)", """{"threshold": 2, "parties": 9}"""),
                     ("parties negative", """{"parties": -3}"""), ("parties a string", """{"parties": "3"}"""), ("parties a fraction", """{"parties": 3.5}"""),
                     ("parties huge", """{"parties": 99999999999}"""), ("parties an object", """{"parties": {}}"""),
                 })
        {
            cases.Add(Case($"POST /v1/wallets: {name}", Post(path, json), 400));
        }
    }

    private static void AddSignatureFields(List<HostileCase> cases, string path)
    {
        var typedData = """{"types": {"EIP712Domain": [{"name": "name", "type": "string"}], "Hello": [{"name": "text", "type": "string"}]}, "primaryType": "Hello", "domain": {"name": "demo"}, "message": {"text": "hi"}}""";
        foreach (var (name, json) in new[]
                 {
                     ("type missing", $$"""{"digest": "{{Digest}}"}"""), ("type null", $$"""{"type": null, "digest": "{{Digest}}"}"""),
                     ("type a number", $$"""{"type": 1, "digest": "{{Digest}}"}"""), ("type unknown", """{"type": "ecdsa"}"""),
                     ("type in another case", $$"""{"type": "DIGEST", "digest": "{{Digest}}"}"""), ("type empty", """{"type": ""}"""),
                     ("type an object", """{"type": {"digest": true}}"""),
                     ("digest missing", """{"type": "digest"}"""), ("digest short", """{"type": "digest", "digest": "0x1234"}"""),
                     ("digest 33 bytes", $$"""{"type": "digest", "digest": "{{Digest}}11"}"""), ("digest without 0x", $$"""{"type": "digest", "digest": "{{Digest[2..]}}"}"""),
                     ("digest with 0X", $$"""{"type": "digest", "digest": "0X{{Digest[2..]}}"}"""), ("digest not hex", $$"""{"type": "digest", "digest": "0x{{new string('z', 64)}}"}"""),
                     ("digest odd length", $$"""{"type": "digest", "digest": "{{Digest[..^1]}}"}"""), ("digest a number", """{"type": "digest", "digest": 1234}"""),
                     ("digest an array", """{"type": "digest", "digest": [1, 2]}"""), ("digest null", """{"type": "digest", "digest": null}"""),
                     ("message a number", """{"type": "personalMessage", "message": 5}"""), ("message an object", """{"type": "personalMessage", "message": {}}"""),
                     ("message and messageHex", """{"type": "personalMessage", "message": "a", "messageHex": "0x61"}"""), ("neither message nor messageHex", """{"type": "personalMessage"}"""),
                     ("message over 64 KB", $$"""{"type": "personalMessage", "message": "{{new string('m', 64 * 1024 + 1)}}"}"""),
                     ("messageHex odd", """{"type": "personalMessage", "messageHex": "0xabc"}"""), ("messageHex without 0x", """{"type": "personalMessage", "messageHex": "abcd"}"""),
                     ("messageHex not hex", """{"type": "personalMessage", "messageHex": "0xzz"}"""), ("messageHex a number", """{"type": "personalMessage", "messageHex": 5}"""),
                     // A JSON string holding the object is accepted (eth_signTypedData_v4); these strings hold something else.
                     ("typedData a string that is not JSON", """{"type": "typedData", "typedData": "{types: nope"}"""),
                     ("typedData a string holding an array", """{"type": "typedData", "typedData": "[1, 2]"}"""),
                     ("typedData a string holding a string", """{"type": "typedData", "typedData": "\"{}\""}"""),
                     ("typedData an empty string", """{"type": "typedData", "typedData": ""}"""),
                     ("typedData a string with a duplicate key in message", $$"""{"type": "typedData", "typedData": "{{typedData.Replace("{\"text\": \"hi\"}", "{\"text\": \"pay 1\", \"text\": \"pay 1000\"}", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}}"}"""),
                     ("typedData a string 70 levels deep", """{"type": "typedData", "typedData": "{\"types\": {}, \"primaryType\": \"A\", \"domain\": {}, \"message\": """ + new string('[', 70) + new string(']', 70) + "}\"}"),
                     ("typedData a number", """{"type": "typedData", "typedData": 12}"""),
                     ("typedData an array", """{"type": "typedData", "typedData": []}"""), ("typedData empty", """{"type": "typedData", "typedData": {}}"""),
                     ("typedData missing", """{"type": "typedData"}"""),
                     ("typedData without primaryType", """{"type": "typedData", "typedData": {"types": {"EIP712Domain": []}, "domain": {}, "message": {}}}"""),
                     ("typedData unknown primaryType", $$"""{"type": "typedData", "typedData": {{typedData.Replace("\"primaryType\": \"Hello\"", "\"primaryType\": \"Nope\"", StringComparison.Ordinal)}}}"""),
                     ("typedData field type uint257", $$"""{"type": "typedData", "typedData": {{typedData.Replace("\"type\": \"string\"}]}", "\"type\": \"uint257\"}]}", StringComparison.Ordinal)}}}"""),
                     ("typedData message missing a field", $$"""{"type": "typedData", "typedData": {{typedData.Replace("{\"text\": \"hi\"}", "{}", StringComparison.Ordinal)}}}"""),
                     ("typedData message a number", $$"""{"type": "typedData", "typedData": {{typedData.Replace("{\"text\": \"hi\"}", "7", StringComparison.Ordinal)}}}"""),
                     ("typedData duplicate key in message (a viewer shows one value, the signer would hash another)", $$"""{"type": "typedData", "typedData": {{typedData.Replace("{\"text\": \"hi\"}", "{\"text\": \"pay 1\", \"text\": \"pay 1000\"}", StringComparison.Ordinal)}}}"""),
                     ("typedData duplicate type definition", $$"""{"type": "typedData", "typedData": {{typedData.Replace("\"Hello\": [", "\"Hello\": [], \"Hello\": [", StringComparison.Ordinal)}}}"""),
                     ("typedData 70 levels deep", """{"type": "typedData", "typedData": {"types": {}, "primaryType": "A", "domain": {}, "message": """ + new string('[', 70) + new string(']', 70) + "}}"),
                 })
        {
            cases.Add(Case($"POST /v1/wallets/{{id}}/signatures: {name}", Post(path, json), 400));
        }
    }

    private static void AddTransferFields(List<HostileCase> cases, string path)
    {
        string With(string field, string value) => $$"""{"chainId": 31337, "to": "{{Recipient}}", "value": "1", {{field}}: {{value}}}""";
        foreach (var (name, json) in new[]
                 {
                     ("chainId missing", $$"""{"to": "{{Recipient}}"}"""), ("chainId null", $$"""{"chainId": null, "to": "{{Recipient}}"}"""),
                     ("chainId a string", $$"""{"chainId": "31337", "to": "{{Recipient}}"}"""), ("chainId negative", $$"""{"chainId": -1, "to": "{{Recipient}}"}"""),
                     ("chainId 0", $$"""{"chainId": 0, "to": "{{Recipient}}"}"""), ("chainId a fraction", $$"""{"chainId": 1.5, "to": "{{Recipient}}"}"""),
                     ("chainId 2^64", $$"""{"chainId": 18446744073709551616, "to": "{{Recipient}}"}"""), ("chainId exponent", $$"""{"chainId": 3e4, "to": "{{Recipient}}"}"""),
                     ("chainId true", $$"""{"chainId": true, "to": "{{Recipient}}"}"""), ("chainId not configured", $$"""{"chainId": 99999, "to": "{{Recipient}}"}"""),
                     ("to missing", """{"chainId": 31337}"""), ("to null", """{"chainId": 31337, "to": null}"""), ("to a number", """{"chainId": 31337, "to": 5}"""),
                     ("to short", """{"chainId": 31337, "to": "0x1234"}"""), ("to not hex", $$"""{"chainId": 31337, "to": "0x{{new string('g', 40)}}"}"""),
                     ("to with a wrong checksum", $$"""{"chainId": 31337, "to": "{{Recipient.Replace('C', 'c')}}"}"""), ("to without 0x", $$"""{"chainId": 31337, "to": "{{Recipient[2..]}}"}"""),
                     ("to empty", """{"chainId": 31337, "to": ""}"""), ("to 21 bytes", $$"""{"chainId": 31337, "to": "{{Recipient}}00"}"""),
                     ("value a number", With("\"value\"", "1")), ("value negative", With("\"value\"", "\"-1\"")), ("value a fraction", With("\"value\"", "\"1.5\"")),
                     ("value hex", With("\"value\"", "\"0x10\"")), ("value empty", With("\"value\"", "\"\"")), ("value with a space", With("\"value\"", "\" 1\"")),
                     ("value exponent", With("\"value\"", "\"1e18\"")), ("value 2^256", With("\"value\"", "\"115792089237316195423570985008687907853269984665640564039457584007913129639936\"")),
                     ("value an object", With("\"value\"", "{}")),
                     ("data odd", With("\"data\"", "\"0xabc\"")), ("data without 0x", With("\"data\"", "\"abcd\"")), ("data not hex", With("\"data\"", "\"0xzz\"")),
                     ("data a number", With("\"data\"", "12")), ("data an array", With("\"data\"", "[1]")),
                     ("gasLimit below 21000", With("\"gasLimit\"", "\"20999\"")), ("gasLimit not digits", With("\"gasLimit\"", "\"abc\"")),
                     ("gasLimit a number", With("\"gasLimit\"", "21000")), ("gasLimit above 2^63", With("\"gasLimit\"", "\"99999999999999999999999\"")),
                     ("maxFeePerGas negative", With("\"maxFeePerGas\"", "\"-1\"")), ("maxFeePerGas a number", With("\"maxFeePerGas\"", "5")),
                     ("maxPriorityFeePerGas above maxFeePerGas", With("\"maxFeePerGas\"", "\"1\", \"maxPriorityFeePerGas\": \"2\"")),
                     ("maxPriorityFeePerGas not digits", With("\"maxPriorityFeePerGas\"", "\"ten\"")),
                 })
        {
            cases.Add(Case($"POST /v1/wallets/{{id}}/transactions: {name}", Post(path, json), 400));
        }

        // 128 KB of data is already more than half the body limit in hex: the body is refused before the field.
        cases.Add(Case("POST /v1/wallets/{id}/transactions: data over 128 KB", Post(path, $$"""{"chainId": 31337, "to": "{{Recipient}}", "data": "0x{{new string('a', 2 * (128 * 1024 + 1))}}"}"""), 413));
    }

    private static void AddKindFields(List<HostileCase> cases, string path)
    {
        const string Token = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
        string TokenTransfer(string extra) => $$"""{"kind": "erc20Transfer", "chainId": 31337, "token": "{{Token}}", "to": "{{Recipient}}", "amount": "5"{{extra}}}""";
        string Call(string extra) => $$"""{"kind": "contractCall", "chainId": 31337, "to": "{{Token}}"{{extra}}}""";
        foreach (var (name, json) in new[]
                 {
                     ("kind unknown", $$"""{"kind": "swap", "chainId": 31337, "to": "{{Recipient}}"}"""), ("kind a number", $$"""{"kind": 2, "chainId": 31337, "to": "{{Recipient}}"}"""),
                     ("kind in another case", $$"""{"kind": "ERC20Transfer", "chainId": 31337, "to": "{{Recipient}}"}"""), ("kind empty", $$"""{"kind": "", "chainId": 31337, "to": "{{Recipient}}"}"""),
                     ("allowBelowBaseFee a string", $$"""{"chainId": 31337, "to": "{{Recipient}}", "allowBelowBaseFee": "true"}"""), ("allowBelowBaseFee a number", $$"""{"chainId": 31337, "to": "{{Recipient}}", "allowBelowBaseFee": 1}"""),
                     ("token without kind", $$"""{"chainId": 31337, "to": "{{Recipient}}", "token": "{{Token}}"}"""), ("abi without kind", $$"""{"chainId": 31337, "to": "{{Recipient}}", "abi": []}"""),
                     ("erc20Transfer token missing", TokenTransfer("").Replace($"\"token\": \"{Token}\", ", "", StringComparison.Ordinal)),
                     ("erc20Transfer token a number", TokenTransfer("").Replace($"\"{Token}\"", "5", StringComparison.Ordinal)), ("erc20Transfer token with a wrong checksum", TokenTransfer("").Replace("aAeb", "aaeb", StringComparison.Ordinal)),
                     ("erc20Transfer amount missing", TokenTransfer("").Replace(", \"amount\": \"5\"", "", StringComparison.Ordinal)), ("erc20Transfer amount negative", TokenTransfer("").Replace("\"5\"", "\"-5\"", StringComparison.Ordinal)),
                     ("erc20Transfer amount a number", TokenTransfer("").Replace("\"5\"", "5", StringComparison.Ordinal)), ("erc20Transfer amount hex", TokenTransfer("").Replace("\"5\"", "\"0x5\"", StringComparison.Ordinal)),
                     ("erc20Transfer amount 2^256", TokenTransfer("").Replace("\"5\"", "\"115792089237316195423570985008687907853269984665640564039457584007913129639936\"", StringComparison.Ordinal)),
                     ("erc20Transfer with value", TokenTransfer(", \"value\": \"1\"")), ("erc20Transfer with data", TokenTransfer(", \"data\": \"0x\"")), ("erc20Transfer with args", TokenTransfer(", \"args\": []")),
                     ("contractCall abi missing", Call("")), ("contractCall abi a number", Call(", \"abi\": 5")), ("contractCall abi true", Call(", \"abi\": true")),
                     ("contractCall abi an unparsable fragment", Call(", \"abi\": \"function f(\"")), ("contractCall abi a fragment of an event", Call(", \"abi\": \"event E(uint256)\"")),
                     ("contractCall abi a type that does not exist", Call(", \"abi\": \"function f(uint7 x)\", \"args\": [1]")),
                     ("contractCall abi an array without function", Call(", \"abi\": [{\"type\": \"function\", \"name\": \"f\", \"inputs\": []}]")),
                     ("contractCall abi an array of numbers", Call(", \"abi\": [1, 2], \"function\": \"f\"")),
                     ("contractCall abi an item of an unknown type", Call(", \"abi\": [{\"type\": \"gadget\", \"name\": \"f\"}], \"function\": \"f\"")),
                     ("contractCall abi with overloads and a bare name", Call(", \"abi\": [{\"type\": \"function\", \"name\": \"f\", \"inputs\": []}, {\"type\": \"function\", \"name\": \"f\", \"inputs\": [{\"name\": \"x\", \"type\": \"uint256\"}]}], \"function\": \"f\"")),
                     ("contractCall abi nested tuples 40 deep", Call(", \"abi\": \"function f(" + string.Concat(Enumerable.Repeat("(", 40)) + "uint256" + string.Concat(Enumerable.Repeat(")", 40)) + " x)\"")),
                     ("contractCall function a number", Call(", \"abi\": \"function f()\", \"function\": 1")), ("contractCall function another name", Call(", \"abi\": \"function f()\", \"function\": \"g\"")),
                     ("contractCall function empty", Call(", \"abi\": \"function f()\", \"function\": \"\"")),
                     ("contractCall args too few", Call(", \"abi\": \"function f(uint256 x)\", \"args\": []")), ("contractCall args too many", Call(", \"abi\": \"function f()\", \"args\": [1]")),
                     ("contractCall args a string", Call(", \"abi\": \"function f(uint256 x)\", \"args\": \"1\"")), ("contractCall args out of range", Call(", \"abi\": \"function f(uint8 x)\", \"args\": [\"256\"]")),
                     ("contractCall args a fraction", Call(", \"abi\": \"function f(uint256 x)\", \"args\": [1.5]")), ("contractCall args an exponent", Call(", \"abi\": \"function f(uint256 x)\", \"args\": [1e3]")),
                     ("contractCall args a negative uint", Call(", \"abi\": \"function f(uint256 x)\", \"args\": [\"-1\"]")), ("contractCall args a bad address", Call(", \"abi\": \"function f(address a)\", \"args\": [\"0x1234\"]")),
                     ("contractCall args an unknown name", Call(", \"abi\": \"function f(uint256 x)\", \"args\": {\"y\": 1}")), ("contractCall args bytes4 of 3 bytes", Call(", \"abi\": \"function f(bytes4 b)\", \"args\": [\"0x010203\"]")),
                     ("contractCall args a lone surrogate string", Call(", \"abi\": \"function f(string s)\", \"args\": [\"\\ud800\"]")),
                     ("contractCall value to a non-payable function", Call(", \"abi\": \"function f()\", \"value\": \"1\"")), ("contractCall with data", Call(", \"abi\": \"function f()\", \"data\": \"0x00\"")),
                     ("contractCall with token", Call($", \"abi\": \"function f()\", \"token\": \"{Token}\"")),
                 })
        {
            cases.Add(Case($"POST /v1/wallets/{{id}}/transactions: {name}", Post(path, json), 400));
        }
    }

    private static void AddReplacementFields(List<HostileCase> cases, string cancel, string speedUp)
    {
        foreach (var path in new[] { cancel, speedUp })
        {
            var at = "POST " + path.Replace("tx_unknown", "{id}", StringComparison.Ordinal);
            foreach (var (name, json) in new[]
                     {
                         ("maxFeePerGas alone", """{"maxFeePerGas": "5"}"""), ("maxPriorityFeePerGas alone", """{"maxPriorityFeePerGas": "5"}"""),
                         ("maxFeePerGas a number", """{"maxFeePerGas": 5, "maxPriorityFeePerGas": "1"}"""), ("maxFeePerGas negative", """{"maxFeePerGas": "-5", "maxPriorityFeePerGas": "1"}"""),
                         ("maxFeePerGas hex", """{"maxFeePerGas": "0x5", "maxPriorityFeePerGas": "1"}"""), ("maxFeePerGas 2^256", """{"maxFeePerGas": "115792089237316195423570985008687907853269984665640564039457584007913129639936", "maxPriorityFeePerGas": "1"}"""),
                         ("maxPriorityFeePerGas above maxFeePerGas", """{"maxFeePerGas": "5", "maxPriorityFeePerGas": "6"}"""), ("maxPriorityFeePerGas an object", """{"maxFeePerGas": "5", "maxPriorityFeePerGas": {}}"""),
                         ("maxFeePerGas a fraction", """{"maxFeePerGas": "1.5", "maxPriorityFeePerGas": "1"}"""), ("maxFeePerGas empty", """{"maxFeePerGas": "", "maxPriorityFeePerGas": "1"}"""),
                     })
            {
                cases.Add(Case($"{at}: {name}", Post(path, json), 400));
            }
        }
    }

    private static void AddIds(List<HostileCase> cases, string validSignature, string validTransfer, string validFees)
    {
        var ids = new (string Name, string Segment)[]
        {
            ("unknown id", "wlt_unknown"), ("4 KB id", new string('x', 4096)), ("space", "%20"), ("encoded slash traversal", "..%2F..%2Fetc%2Fpasswd"),
            ("SQL", "'%20OR%201=1--"), ("non-ASCII", "%E2%98%83"), ("invalid UTF-8 escape", "%FF%FE"), ("another tenant's style id", "wlt_00000000000000000000000000000000"),
        };
        foreach (var (name, segment) in ids)
        {
            cases.Add(Case($"GET /v1/wallets/{{id}}: {name}", Get($"/v1/wallets/{segment}"), 404));
            cases.Add(Case($"POST /v1/wallets/{{id}}/signatures: {name}", Post($"/v1/wallets/{segment}/signatures", validSignature), 404));
            cases.Add(Case($"GET /v1/signatures/{{id}}: {name}", Get($"/v1/signatures/{segment}"), 404));
            cases.Add(Case($"POST /v1/wallets/{{id}}/transactions: {name}", Post($"/v1/wallets/{segment}/transactions", validTransfer), 404));
            cases.Add(Case($"GET /v1/transactions/{{id}}: {name}", Get($"/v1/transactions/{segment}"), 404));
            cases.Add(Case($"GET /v1/wallets/{{id}}/transactions: {name}", Get($"/v1/wallets/{segment}/transactions"), 404));
            cases.Add(Case($"GET /v1/transactions/{{id}}/audit: {name}", Get($"/v1/transactions/{segment}/audit"), 404));
            cases.Add(Case($"POST /v1/transactions/{{id}}/cancel: {name}", Post($"/v1/transactions/{segment}/cancel", validFees), 404));
            cases.Add(Case($"POST /v1/transactions/{{id}}/speedup: {name}", Request("POST", $"/v1/transactions/{segment}/speedup", null), 404));
        }
    }

    private static void AddPages(List<HostileCase> cases, string wallets, string transfers)
    {
        var queries = new (string Name, string Query)[]
        {
            ("limit abc", "limit=abc"), ("limit 1e9", "limit=1e9"), ("limit 1.5", "limit=1.5"), ("limit -1", "limit=-1"), ("limit 0", "limit=0"),
            ("limit 1000", "limit=1000"), ("limit huge", "limit=99999999999999999999999"), ("limit empty", "limit="), ("limit repeated", "limit=1&limit=2"),
            ("limit with a space", "limit=%205"), ("limit plus sign", "limit=%2B5"), ("limit hex", "limit=0x10"), ("limit with a suffix", "limit=5abc"),
            ("cursor abc", "cursor=abc"), ("cursor -1", "cursor=-1"), ("cursor 1e9", "cursor=1e9"), ("cursor huge", "cursor=" + new string('9', 40)),
            ("cursor repeated", "cursor=1&cursor=2"), ("cursor with a NUL", "cursor=1%00"),
        };
        foreach (var (name, query) in queries)
        {
            cases.Add(Case($"GET /v1/wallets?{name}", Get($"{wallets}?{query}"), 400));
            cases.Add(Case($"GET /v1/wallets/{{id}}/transactions?{name}", Get($"{transfers}?{query}"), 400));
            foreach (var list in new[] { "/v1/admin/wallets", "/v1/admin/signatures", "/v1/admin/transactions" })
            {
                cases.Add(Case($"GET {list}?{name}", Get($"{list}?{query}"), 400));
            }
        }
    }

    private static void AddPrefer(List<HostileCase> cases, string signatures, string validSignature)
    {
        // RFC 7240: a preference the server does not understand is ignored, so these are answered like any valid
        // request (a pending or finished signature), never with a failure.
        foreach (var (name, value) in new[]
                 {
                     ("Prefer wait=abc", "wait=abc"), ("Prefer wait=-5", "wait=-5"), ("Prefer wait huge", "wait=99999999999999999999"), ("Prefer wait=1e3", "wait=1e3"),
                     ("Prefer wait without a value", "wait"), ("Prefer separators only", ";;;,,,=,"), ("Prefer 500 preferences", string.Join(",", Enumerable.Repeat("x=1", 500))),
                 })
        {
            cases.Add(Case($"POST /v1/wallets/{{id}}/signatures: {name}", PostWith(signatures, validSignature, ("Prefer", value)), 200, 201, 202));
        }
    }

    private static void AddSizes(List<HostileCase> cases, string wallets, string wallet, string signatures, string transfers, string walletId, string validSignature)
    {
        foreach (var (method, path) in new[] { ("GET", wallets), ("GET", wallet), ("POST", signatures), ("GET", transfers) })
        {
            var at = $"{method} {Template(path, walletId)}";
            var body = method == "POST" ? validSignature : null;
            cases.Add(Case($"{at}: 10 KB path", Request(method, path + "/" + new string('p', 10 * 1024), body), 414));
            cases.Add(Case($"{at}: 9 KB query", Request(method, path + "?q=" + new string('q', 9 * 1024), body), 414));
            cases.Add(Case($"{at}: 100 KB query", Request(method, path + "?q=" + new string('q', 100 * 1024), body), 414));
            cases.Add(Case($"{at}: 100 KB header", Request(method, path, body, ("X-Padding", new string('h', 100 * 1024))), 431));
            cases.Add(Case($"{at}: 40 KB of headers", Request(method, path, body, [.. Enumerable.Range(0, 40).Select(i => ($"X-Padding-{i}", new string('h', 1000)))]), 431));
            cases.Add(Case($"{at}: 200 headers", Request(method, path, body, [.. Enumerable.Range(0, 200).Select(i => ($"X-Header-{i}", "v"))]), 431));
        }
    }

    internal static HostileCase Case(string name, RawRequest request, params int[] expected) => new(name, request, expected, Quick);

    internal static RawRequest Get(string path) => new("GET", path, Defaults(), []);

    internal static RawRequest Post(string path, string json) => new("POST", path, Defaults(), Utf8(json));

    internal static RawRequest PostWith(string path, string json, params (string Name, string Value)[] extra) => new("POST", path, [.. Defaults(), .. extra], Utf8(json));

    internal static RawRequest Request(string method, string path, string? json, params (string Name, string Value)[] extra) =>
        new(method, path, [.. Defaults(json: json is not null), .. extra], Utf8(json ?? ""));

    internal static List<(string Name, string Value)> Defaults(string? authorization = "Bearer " + TestHost.KeyA, bool json = true, string contentType = "application/json")
    {
        var headers = new List<(string, string)> { ("Host", "127.0.0.1"), ("Connection", "close") };
        if (authorization is not null)
        {
            headers.Add(("Authorization", authorization));
        }

        if (json)
        {
            headers.Add(("Content-Type", contentType));
        }

        return headers;
    }

    internal static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    internal static byte[] Filler(int length)
    {
        var bytes = new byte[length];
        Array.Fill(bytes, (byte)'a');
        return bytes;
    }

    private static string Template(string path, string walletId) => path.Replace(walletId, "{id}", StringComparison.Ordinal);
}
