using System.Text.Json;
using MpcWallet.EndToEndTests.Hostile;
using MpcWallet.Testing.Processes;

namespace MpcWallet.EndToEndTests.ApiContract;

/// <summary>
/// The OpenAPI document the host serves (<c>/openapi/v1.json</c>) held against docs/api.md, the REST contract: every
/// endpoint it names with its method, the statuses its conventions give (201/202/200, 400, 401, 404, 409; 413 for a
/// body), the Idempotency-Key and Prefer headers and paging parameters, and every member name of the request
/// bodies and resources it shows (additions are allowed, absences are not), with only the members api.md requires
/// marked required.
/// </summary>
[Collection(ApiSurfaceCollection.Name)]
public sealed class OpenApiMatchesTheContractTests(HostileHost host)
{
    private static readonly ApiMarkdown Contract = ApiMarkdown.Read(Path.Combine(RepositoryFiles.Root(), "docs", "api.md"));

    [Fact]
    public async Task Every_endpoint_of_the_contract_is_documented_with_its_statuses_and_headers()
    {
        var document = await DocumentAsync();
        var text = await File.ReadAllTextAsync(Path.Combine(RepositoryFiles.Root(), "docs", "api.md"));
        Assert.Equal(15, Contract.Endpoints.Count);
        foreach (var (method, path) in Contract.Endpoints)
        {
            var operation = document.Operation(method, path);
            Assert.True(operation is not null, $"{method} {path} is not in the OpenAPI document");
            var statuses = OpenApiDocument.Statuses(operation!.Value);
            var parameters = OpenApiDocument.Parameters(operation.Value);
            var expected = new List<int> { 401 };
            if (method == "POST" && path.EndsWith("/rpc", StringComparison.Ordinal))
            {
                // JSON-RPC: "answers 200 (one response or a batch of them) or 204 (notifications only)"; outside the
                // body the API's problems (400, 413); an Idempotency-Key for eth_sendTransaction, no Prefer.
                expected.AddRange([200, 204, 400, 413]);
                Assert.Contains(("Idempotency-Key", "header"), parameters);
            }
            else if (method == "POST")
            {
                // "the POST answers 202 … the final state (201/200) …"; validation 400; "a different body is a 409"; body limit 413.
                expected.AddRange([201, 202, 200, 400, 409, 413]);
                Assert.Contains(("Idempotency-Key", "header"), parameters);
                Assert.Contains(("Prefer", "header"), parameters);
            }
            else
            {
                expected.Add(200);
            }

            if (path.Contains("{id}", StringComparison.Ordinal))
            {
                // "another tenant's id answers 404".
                expected.Add(404);
            }

            if (method == "GET" && text.Contains($"`GET {path}?limit", StringComparison.Ordinal))
            {
                expected.Add(400);
                Assert.Contains(("limit", "query"), parameters);
                Assert.Contains(("cursor", "query"), parameters);
            }

            if (path.EndsWith("/addresses", StringComparison.Ordinal))
            {
                // "GET /v1/wallets/{id}/addresses?path=m/0/7": a bad path is a 400, a wallet not active yet a 409.
                expected.AddRange([400, 409]);
                Assert.Contains(("path", "query"), parameters);
            }

            var missing = expected.Except(statuses).ToArray();
            Assert.True(missing.Length == 0, $"{method} {path} does not document {string.Join(", ", missing)} (documents {string.Join(", ", statuses)})");
        }
    }

    [Fact]
    public async Task Every_member_the_contract_shows_is_in_the_schemas_and_only_required_members_are_required()
    {
        var document = await DocumentAsync();
        var wallets = Contract.Sections["Wallets"];
        var signatures = Contract.Sections["Signatures"];
        var transactions = Contract.Sections["Transactions"];
        var cluster = Contract.Sections["Cluster"];

        var createWallet = document.RequestSchema(document.Operation("POST", "/v1/wallets")!.Value);
        AssertMembers("POST /v1/wallets body", wallets.Request, document.Members(createWallet));
        Assert.Empty(document.Required(createWallet));
        var wallet = document.ResponseSchema(document.Operation("GET", "/v1/wallets/{id}")!.Value, 200);
        AssertMembers("wallet resource", wallets.Resource, document.Members(wallet));
        var walletList = document.ResponseSchema(document.Operation("GET", "/v1/wallets")!.Value, 200);
        AssertMembers("wallet list", wallets.List, document.Members(walletList));
        AssertMembers("wallet list item", wallets.Resource, document.Members(document.Member(walletList, "items")));
        foreach (var status in new[] { 200, 201, 202 })
        {
            AssertMembers($"POST /v1/wallets {status}", wallets.Resource, document.Members(document.ResponseSchema(document.Operation("POST", "/v1/wallets")!.Value, status)));
        }

        var derived = Contract.Sections["Derived"];
        AssertMembers("address resource", derived.Resource, document.Members(document.ResponseSchema(document.Operation("GET", "/v1/wallets/{id}/addresses")!.Value, 200)));

        var createSignature = document.RequestSchema(document.Operation("POST", "/v1/wallets/{id}/signatures")!.Value);
        AssertMembers("POST /v1/wallets/{id}/signatures body", signatures.Request, document.Members(createSignature));
        Assert.Subset(new HashSet<string> { "type" }, document.Required(createSignature).ToHashSet());
        AssertMembers("signature resource", signatures.Resource, document.Members(document.ResponseSchema(document.Operation("GET", "/v1/signatures/{id}")!.Value, 200)));

        var createTransaction = document.RequestSchema(document.Operation("POST", "/v1/wallets/{id}/transactions")!.Value);
        AssertMembers("POST /v1/wallets/{id}/transactions body", transactions.Request, document.Members(createTransaction));
        // "Only chainId and to are required."
        Assert.Equal(new HashSet<string> { "chainId", "to" }, document.Required(createTransaction).ToHashSet());
        var transaction = document.ResponseSchema(document.Operation("GET", "/v1/transactions/{id}")!.Value, 200);
        AssertMembers("transaction resource", transactions.Resource, document.Members(transaction));
        AssertMembers("transaction attempt", transactions.Nested["attempts"], document.Members(document.Member(transaction, "attempts")));
        var transactionList = document.ResponseSchema(document.Operation("GET", "/v1/wallets/{id}/transactions")!.Value, 200);
        AssertMembers("transaction list", wallets.List, document.Members(transactionList));
        AssertMembers("transaction list item", transactions.Resource, document.Members(document.Member(transactionList, "items")));

        var nodes = document.ResponseSchema(document.Operation("GET", "/v1/nodes")!.Value, 200);
        AssertMembers("node list", cluster.List, document.Members(nodes));
        AssertMembers("node", cluster.Nested["items"], document.Members(document.Member(nodes, "items")));
    }

    private static void AssertMembers(string what, IReadOnlySet<string> contract, IReadOnlySet<string> documented)
    {
        Assert.NotEmpty(contract);
        var missing = contract.Except(documented).ToArray();
        Assert.True(missing.Length == 0, $"{what}: api.md shows {string.Join(", ", missing)}, the OpenAPI schema lacks it (has {string.Join(", ", documented)})");
    }

    private async Task<OpenApiDocument> DocumentAsync()
    {
        using var client = host.Host.Client(apiKey: null);
        return new OpenApiDocument(JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement.Clone());
    }
}
