using Google.Protobuf;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using MpcWallet.EndToEndTests.Support;

namespace MpcWallet.EndToEndTests;

/// <summary>
/// The REST contract end to end: a 2-of-3 wallet from real distributed key generation, signatures from real
/// signing sessions among nodes over the broker, checked independently; validation, auth and idempotency.
/// Runs once per backend (see the two classes at the bottom).
/// </summary>
public abstract class RestApiSuite(SharedHost shared)
{
    [Fact]
    public void A_two_of_three_wallet_becomes_active_with_its_address()
    {
        var wallet = shared.Wallet;
        Assert.Equal(2, wallet.GetProperty("threshold").GetInt32());
        Assert.Equal(3, wallet.GetProperty("parties").GetInt32());
        // Nodes are listed in party-index order, and which node gets which index is the coordinator's choice.
        Assert.True(new[] { "node-1", "node-2", "node-3" }.SequenceEqual(wallet.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()!).Order()), wallet.ToString());
        var publicKey = SignatureCheck.Hex(wallet.GetProperty("publicKey").GetString()!);
        Assert.Equal(33, publicKey.Length);
        Assert.Contains(publicKey[0], new byte[] { 2, 3 });
        var point = Org.BouncyCastle.Asn1.Sec.SecNamedCurves.GetByName("secp256k1").Curve.DecodePoint(publicKey);
        var address = wallet.GetProperty("address").GetString()!;
        Assert.Equal(SignatureCheck.Checksummed(SignatureCheck.AddressOf(point)), address);
    }

    [Fact]
    public async Task A_digest_signature_verifies_and_recovers_to_the_wallet_address()
    {
        using var client = shared.Host.Client();
        var digest = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var (status, signature, response) = await Api.PostAsync(client, $"/v1/wallets/{Id}/signatures", $$"""{"type": "digest", "digest": "0x{{Convert.ToHexStringLower(digest)}}"}""", wait: 30);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal($"/v1/signatures/{signature.GetProperty("id").GetString()}", response.Headers.Location?.OriginalString);
        SignatureCheck.AssertValid(signature, shared.Wallet, digest);
        Assert.Equal(2, signature.GetProperty("nodes").GetArrayLength());
        var (_, fetched) = await Api.GetAsync(client, $"/v1/signatures/{signature.GetProperty("id").GetString()}");
        Assert.Equal(signature.GetProperty("signature").GetString(), fetched.GetProperty("signature").GetString());
    }

    [Fact]
    public async Task Personal_message_signatures_verify_against_the_eip191_hash()
    {
        using var client = shared.Host.Client();
        var message = "hello from the e2e suite";
        var expected = SignatureCheck.Keccak(Encoding.UTF8.GetBytes($"\u0019Ethereum Signed Message:\n{Encoding.UTF8.GetByteCount(message)}{message}"));

        var (_, text, _) = await Api.PostAsync(client, $"/v1/wallets/{Id}/signatures", $$"""{"type": "personalMessage", "message": "{{message}}"}""", wait: 30);
        SignatureCheck.AssertValid(text, shared.Wallet, expected);

        var (_, hex, _) = await Api.PostAsync(client, $"/v1/wallets/{Id}/signatures", $$"""{"type": "personalMessage", "messageHex": "0x{{Convert.ToHexStringLower(Encoding.UTF8.GetBytes(message))}}"}""", wait: 30);
        SignatureCheck.AssertValid(hex, shared.Wallet, expected);
    }

    [Fact]
    public async Task Typed_data_signatures_verify_against_the_eip712_hash()
    {
        using var client = shared.Host.Client();
        // The Mail example of EIP-712; its signing hash is published with the EIP.
        const string typedData = """
            {"types": {"EIP712Domain": [{"name": "name", "type": "string"}, {"name": "version", "type": "string"}, {"name": "chainId", "type": "uint256"}, {"name": "verifyingContract", "type": "address"}],
                       "Person": [{"name": "name", "type": "string"}, {"name": "wallet", "type": "address"}],
                       "Mail": [{"name": "from", "type": "Person"}, {"name": "to", "type": "Person"}, {"name": "contents", "type": "string"}]},
             "primaryType": "Mail",
             "domain": {"name": "Ether Mail", "version": "1", "chainId": 1, "verifyingContract": "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"},
             "message": {"from": {"name": "Cow", "wallet": "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"}, "to": {"name": "Bob", "wallet": "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"}, "contents": "Hello, Bob!"}}
            """;
        var (status, signature, _) = await Api.PostAsync(client, $"/v1/wallets/{Id}/signatures", $$"""{"type": "typedData", "typedData": {{typedData}}}""", wait: 30);

        Assert.Equal(HttpStatusCode.Created, status);
        SignatureCheck.AssertValid(signature, shared.Wallet, Convert.FromHexString("be609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2"));

        // The same typed data as a JSON string, as eth_signTypedData_v4 clients send it: the same digest is signed.
        var asString = System.Text.Json.JsonSerializer.Serialize(new { type = "typedData", typedData });
        var (stringStatus, fromString, _) = await Api.PostAsync(client, $"/v1/wallets/{Id}/signatures", asString, wait: 30);
        Assert.Equal(HttpStatusCode.Created, stringStatus);
        SignatureCheck.AssertValid(fromString, shared.Wallet, Convert.FromHexString("be609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2"));

        var (invalid, problem, _) = await Api.PostAsync(client, $"/v1/wallets/{Id}/signatures", """{"type": "typedData", "typedData": {"types": {}, "primaryType": "Mail", "domain": {}, "message": {}}}""");
        Assert.Equal(HttpStatusCode.BadRequest, invalid);
        Assert.True(problem.GetProperty("errors").TryGetProperty("typedData", out _));
    }

    [Fact]
    public async Task Bad_input_answers_problem_details()
    {
        using var client = shared.Host.Client();
        var cases = new (string Path, string Body, HttpStatusCode Status, string Field)[]
        {
            ("/v1/wallets", "{\"threshold\": ", HttpStatusCode.BadRequest, "body"),
            ("/v1/wallets", "{\"threshold\": \"two\"}", HttpStatusCode.BadRequest, "threshold"),
            ("/v1/wallets", "{\"threshold\": 4, \"parties\": 3}", HttpStatusCode.BadRequest, "threshold"),
            ("/v1/wallets", "{\"threshold\": 1, \"parties\": 3}", HttpStatusCode.BadRequest, "threshold"),
            ("/v1/wallets", "{\"threshold\": 2, \"parties\": 9}", HttpStatusCode.BadRequest, "parties"),
            ($"/v1/wallets/{Id}/signatures", "{\"type\": \"digest\", \"digest\": \"0x1234\"}", HttpStatusCode.BadRequest, "digest"),
            ($"/v1/wallets/{Id}/signatures", "{\"type\": \"digest\", \"digest\": \"0x" + new string('z', 64) + "\"}", HttpStatusCode.BadRequest, "digest"),
            ($"/v1/wallets/{Id}/signatures", "{\"type\": \"personalMessage\", \"messageHex\": \"0xabc\"}", HttpStatusCode.BadRequest, "messageHex"),
            ($"/v1/wallets/{Id}/signatures", "{\"type\": \"ecdsa\"}", HttpStatusCode.BadRequest, "type"),
            ($"/v1/wallets/{Id}/signatures", "[1, 2", HttpStatusCode.BadRequest, "body"),
            ("/v1/wallets/wlt_unknown/signatures", "{\"type\": \"digest\", \"digest\": \"0x" + new string('a', 64) + "\"}", HttpStatusCode.NotFound, ""),
        };
        foreach (var (path, json, expected, field) in cases)
        {
            var (status, body, response) = await Api.PostAsync(client, path, json);
            Assert.True(expected == status, $"{path} {json} answered {status}: {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Api.AssertProblem(body, (int)expected);
            if (field.Length > 0)
            {
                Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {body}");
            }
        }

        var (unknown, problem) = await Api.GetAsync(client, "/v1/wallets/wlt_unknown");
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Api.AssertProblem(problem, 404);
        var (unknownSignature, _) = await Api.GetAsync(client, "/v1/signatures/sig_unknown");
        Assert.Equal(HttpStatusCode.NotFound, unknownSignature);
    }

    [Fact]
    public async Task Keys_are_required_and_tenants_see_only_their_own_resources()
    {
        using var anonymous = shared.Host.Client(apiKey: null);
        var (status, body) = await Api.GetAsync(anonymous, $"/v1/wallets/{Id}");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Api.AssertProblem(body, 401);
        using var wrong = shared.Host.Client(apiKey: "not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.GetAsync(wrong, "/v1/wallets")).Status);

        using var other = shared.Host.Client(TestHost.KeyB);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync(other, $"/v1/wallets/{Id}")).Status);
        var (signStatus, _, _) = await Api.PostAsync(other, $"/v1/wallets/{Id}/signatures", "{\"type\": \"digest\", \"digest\": \"0x" + new string('a', 64) + "\"}");
        Assert.Equal(HttpStatusCode.NotFound, signStatus);
        var (_, list) = await Api.GetAsync(other, "/v1/wallets");
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), w => w.GetProperty("id").GetString() == Id);
    }

    [Fact]
    public async Task The_same_idempotency_key_makes_one_wallet()
    {
        using var client = shared.Host.Client();
        var key = Guid.NewGuid().ToString();
        var label = "idem-" + key[..8];
        var json = $$"""{"label": "{{label}}", "threshold": 2, "parties": 3}""";
        var (first, created, response) = await Api.PostAsync(client, "/v1/wallets", json, idempotencyKey: key);
        var (_, repeated, _) = await Api.PostAsync(client, "/v1/wallets", json, idempotencyKey: key);
        var (conflict, problem, _) = await Api.PostAsync(client, "/v1/wallets", json.Replace("\"parties\": 3", "\"parties\": 2", StringComparison.Ordinal), idempotencyKey: key);

        Assert.Equal(HttpStatusCode.Accepted, first);
        Assert.NotNull(response.Headers.Location);
        Assert.Equal(created.GetProperty("id").GetString(), repeated.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Conflict, conflict);
        Api.AssertProblem(problem, 409);
        var (_, list) = await Api.GetAsync(client, "/v1/wallets?limit=100");
        Assert.Single(list.GetProperty("items").EnumerateArray(), w => w.GetProperty("label").GetString() == label);
        var final = await Api.WaitForFinalAsync(client, $"/v1/wallets/{created.GetProperty("id").GetString()}", "creating", TimeSpan.FromSeconds(60));
        Assert.Equal("active", final.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_same_idempotency_key_makes_one_signature()
    {
        using var client = shared.Host.Client();
        var key = Guid.NewGuid().ToString();
        var json = "{\"type\": \"personalMessage\", \"message\": \"once\"}";
        var (first, created, _) = await Api.PostAsync(client, $"/v1/wallets/{Id}/signatures", json, wait: 30, idempotencyKey: key);
        var (again, repeated, _) = await Api.PostAsync(client, $"/v1/wallets/{Id}/signatures", json, idempotencyKey: key);
        var (conflict, _, _) = await Api.PostAsync(client, $"/v1/wallets/{Id}/signatures", json.Replace("once", "twice", StringComparison.Ordinal), idempotencyKey: key);

        Assert.Equal(HttpStatusCode.Created, first);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(created.GetProperty("id").GetString(), repeated.GetProperty("id").GetString());
        Assert.Equal(created.GetProperty("signature").GetString(), repeated.GetProperty("signature").GetString());
        Assert.Equal(HttpStatusCode.Conflict, conflict);
    }

    [Fact]
    public async Task Nodes_and_operations_endpoints_answer()
    {
        using var client = shared.Host.Client();
        var (status, nodes) = await Api.GetAsync(client, "/v1/nodes");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.All(nodes.GetProperty("items").EnumerateArray(), n => Assert.Equal("online", n.GetProperty("status").GetString()));

        using var anonymous = shared.Host.Client(apiKey: null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);
        var openApi = await anonymous.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/v1/wallets/{id}/signatures", openApi, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/docs")).StatusCode);
        Assert.Contains("http_requests_received_total", await anonymous.GetStringAsync("/metrics"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nodes_refuse_commands_not_signed_by_a_coordinator_of_the_manifest()
    {
        using var client = shared.Host.Client();
        var (_, nodes) = await Api.GetAsync(client, "/v1/nodes");
        var endpoint = nodes.GetProperty("items")[0].GetProperty("endpoint").GetString()!;
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(endpoint);
        var control = new MpcWallet.Contracts.Control.NodeControl.NodeControlClient(channel);

        // Unsigned (what a holder of the old shared control token could send), and signed by a key no manifest lists.
        var unsigned = await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () => await control.StartSigningAsync(new MpcWallet.Contracts.Control.SignedCommand()));
        Assert.Equal(Grpc.Core.StatusCode.PermissionDenied, unsigned.StatusCode);
        var command = new MpcWallet.Contracts.Control.NodeCommand { StartSigning = new MpcWallet.Contracts.Control.StartSigningRequest() }.ToByteArray();
        var foreign = new MpcWallet.Contracts.Control.SignedCommand
        {
            Command = Google.Protobuf.ByteString.CopyFrom(command),
            CoordinatorId = "intruder",
            Signature = Google.Protobuf.ByteString.CopyFrom(MpcWallet.Infrastructure.Trust.TaggedSignature.Sign(MpcWallet.Infrastructure.Trust.TaggedSignature.NodeCommand, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), command)),
        };
        var refused = await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () => await control.StartSigningAsync(foreign));
        Assert.Equal(Grpc.Core.StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Contains("intruder", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wallet_without_raw_digests_refuses_them_at_the_api_and_at_every_node_but_signs_what_the_nodes_can_check()
    {
        using var client = shared.Host.Client();
        Assert.True(shared.Wallet.GetProperty("allowRawDigest").GetBoolean());
        var (_, created, _) = await Api.PostAsync(client, "/v1/wallets", """{"label": "strict"}""", wait: 30);
        var wallet = created.GetProperty("status").GetString() == "active"
            ? created
            : await Api.WaitForFinalAsync(client, $"/v1/wallets/{created.GetProperty("id").GetString()}", "creating", TimeSpan.FromSeconds(120));
        Assert.Equal("active", wallet.GetProperty("status").GetString());
        Assert.False(wallet.GetProperty("allowRawDigest").GetBoolean());
        var id = wallet.GetProperty("id").GetString()!;

        // The API: a clear 422, nothing stored.
        var digest = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var (status, problem, _) = await Api.PostAsync(client, $"/v1/wallets/{id}/signatures", $$"""{"type": "digest", "digest": "0x{{Convert.ToHexStringLower(digest)}}"}""", wait: 30);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("The wallet does not allow raw digests.", problem.GetProperty("title").GetString());
        Assert.Contains("allowRawDigest", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // What the nodes can check still signs.
        var message = "checked by every node";
        var (signed, signature, _) = await Api.PostAsync(client, $"/v1/wallets/{id}/signatures", $$"""{"type": "personalMessage", "message": "{{message}}"}""", wait: 30);
        Assert.Equal(HttpStatusCode.Created, signed);
        SignatureCheck.AssertValid(signature, wallet, SignatureCheck.Keccak(Encoding.UTF8.GetBytes($"\u0019Ethereum Signed Message:\n{message.Length}{message}")));

        // The nodes refuse it too, even when the command is signed by the coordinator itself (a compromised coordinator):
        // a raw digest for this wallet, and a pre-image whose digest is not the command's.
        var (_, nodes) = await Api.GetAsync(client, "/v1/nodes");
        var endpoints = nodes.GetProperty("items").EnumerateArray().ToDictionary(n => n.GetProperty("id").GetString()!, n => n.GetProperty("endpoint").GetString()!);
        var holders = wallet.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()!).ToArray();
        var participants = holders.Take(2).Select((holder, i) => new MpcWallet.Contracts.Control.Participant { NodeId = holder, PartyIndex = (uint)(i + 1), IdentityPublicKey = HostCoordinatorKey.IdentityOf(shared.Host, holder) }).ToArray();

        foreach (var (preImage, reason) in new[]
                 {
                     (new MpcWallet.Contracts.Control.PreImage { RawDigest = Google.Protobuf.ByteString.CopyFrom(digest) }, "does not allow raw digests"),
                     (new MpcWallet.Contracts.Control.PreImage { PersonalMessage = Google.Protobuf.ByteString.CopyFromUtf8(message) }, "hashes to"),
                 })
        {
            foreach (var holder in holders.Take(2))
            {
                using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(endpoints[holder]);
                var request = new MpcWallet.Contracts.Control.StartSigningRequest
                {
                    SessionId = Google.Protobuf.ByteString.CopyFrom(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
                    WalletId = id,
                    KeyVersion = 0,
                    Digest = Google.Protobuf.ByteString.CopyFrom(digest),
                    PreImage = preImage,
                };
                request.Participants.AddRange(participants);
                var command = HostCoordinatorKey.Sign(shared.Host, new MpcWallet.Contracts.Control.NodeCommand { SessionId = request.SessionId, StartSigning = request });
                var refused = await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () => await new MpcWallet.Contracts.Control.NodeControl.NodeControlClient(channel).StartSigningAsync(command));
                Assert.Equal(Grpc.Core.StatusCode.FailedPrecondition, refused.StatusCode);
                Assert.Equal(MpcWallet.Contracts.Control.SessionRefusalTrailers.CommandRefused, refused.Trailers.GetValue(MpcWallet.Contracts.Control.SessionRefusalTrailers.Refusal));
                Assert.Contains(reason, refused.Status.Detail, StringComparison.Ordinal);
            }
        }
    }

    private string Id => shared.Wallet.GetProperty("id").GetString()!;
}

public sealed class RestApiOnInMemoryAndSqliteTests(InMemorySqliteHost shared) : RestApiSuite(shared), IClassFixture<InMemorySqliteHost>;

[Collection(RealBrokerCollection.Name)]
public sealed class RestApiOnRabbitMqAndPostgresTests(RabbitMqPostgresHost shared) : RestApiSuite(shared), IClassFixture<RabbitMqPostgresHost>;
