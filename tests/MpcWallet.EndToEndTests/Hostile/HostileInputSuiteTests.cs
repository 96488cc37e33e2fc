using System.Collections.Concurrent;
using System.Diagnostics;
using Xunit.Abstractions;

namespace MpcWallet.EndToEndTests.Hostile;

/// <summary>
/// A hostile client against the real host on loopback: several hundred bad requests across every endpoint, field,
/// header and query parameter. None may answer 5xx or hang; every 4xx the application gives is an RFC 7807 problem
/// document (application/problem+json with type, title and its status). What Kestrel refuses before the application
/// runs is checked separately, against the list the README documents.
/// </summary>
[Collection(ApiSurfaceCollection.Name)]
public sealed class HostileInputSuiteTests(HostileHost host, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_bad_request_gets_a_4xx_problem_document_without_a_hang()
    {
        var cases = HostileCases.All(host.WalletId);
        Assert.True(cases.Count >= 300, $"only {cases.Count} cases");
        Assert.Equal(cases.Count, cases.Select(c => c.Name).Distinct().Count());

        var failures = await RunAsync(cases, (@case, response) =>
        {
            if (response.Status >= 500)
            {
                return $"answered {response.Status}";
            }

            if (!@case.Expected.Contains(response.Status))
            {
                return $"answered {response.Status}, expected {string.Join(" or ", @case.Expected)}";
            }

            return response.Status >= 400 ? response.ProblemDefect() : null;
        });
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} bad requests were answered wrongly:\n{string.Join("\n", failures)}");
    }

    [Fact]
    public async Task Every_bad_json_rpc_body_is_one_json_rpc_error_with_its_code_and_no_id_without_a_hang()
    {
        var path = $"/v1/wallets/{host.WalletId}/rpc";
        var bodies = HostileRpcCases.InsideTheBody(path);
        var cases = bodies.Select(b => new HostileCase("POST /v1/wallets/{id}/rpc: " + b.Name, b.Request, [200], HostileCases.Quick)).ToList();
        var codes = bodies.ToDictionary(b => "POST /v1/wallets/{id}/rpc: " + b.Name, b => b.Code);
        var failures = await RunAsync(cases, (@case, response) =>
        {
            if (response.Status != 200 || response.MediaType != "application/json")
            {
                return $"answered {response.Status} {response.MediaType}, expected 200 application/json";
            }

            try
            {
                using var document = System.Text.Json.JsonDocument.Parse(response.Body);
                var root = document.RootElement;
                return root.ValueKind != System.Text.Json.JsonValueKind.Object || root.GetProperty("jsonrpc").GetString() != "2.0"
                    ? "not one JSON-RPC 2.0 response object"
                    : root.GetProperty("id").ValueKind != System.Text.Json.JsonValueKind.Null ? "the id is not null"
                    : root.GetProperty("error").GetProperty("code").GetInt32() != codes[@case.Name] ? $"error code {root.GetProperty("error").GetProperty("code").GetInt32()}, expected {codes[@case.Name]}"
                    : null;
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
            {
                return "not a JSON-RPC error: " + e.Message;
            }
        });
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} bad JSON-RPC bodies were answered wrongly:\n{string.Join("\n", failures)}");
    }

    [Fact]
    public async Task What_the_server_refuses_before_the_application_is_a_bare_4xx_without_a_hang()
    {
        var cases = ServerLevelCases.All(host.WalletId);
        var failures = await RunAsync(cases, (@case, response) =>
            !@case.Expected.Contains(response.Status) ? $"answered {response.Status}, expected {string.Join(" or ", @case.Expected)}"
            : response.Body.Length != 0 ? $"answered with a body ({response.MediaType}): the README lists this case as answered by Kestrel alone"
            : null);
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} protocol-level cases differ from the documented answers:\n{string.Join("\n", failures)}");
    }

    private async Task<List<string>> RunAsync(IReadOnlyList<HostileCase> cases, Func<HostileCase, RawResponse, string?> check)
    {
        var failures = new ConcurrentBag<string>();
        var clock = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(cases.Select(async @case =>
        {
            await gate.WaitAsync();
            try
            {
                var response = await RawHttp.SendAsync(host.Host.BaseAddress, @case.Request, @case.Timeout);
                if (check(@case, response) is { } defect)
                {
                    var body = response.Text;
                    failures.Add($"{@case.Name}: {defect} [{response.MediaType}] {(body.Length > 160 ? body[..160] + "…" : body)}");
                }
            }
            catch (TimeoutException)
            {
                failures.Add($"{@case.Name}: no answer within {@case.Timeout.TotalSeconds} s (hang)");
            }
            catch (IOException e) when (!@case.ClientEndsExchange)
            {
                failures.Add($"{@case.Name}: {e.Message}");
            }
            catch (IOException)
            {
                // The client ended the exchange itself; the connection closing without an answer is not a hang.
            }
            finally
            {
                gate.Release();
            }
        }));
        output.WriteLine($"{cases.Count} requests in {clock.Elapsed.TotalSeconds:F1} s, {failures.Count} answered wrongly");
        return [.. failures.Order(StringComparer.Ordinal)];
    }
}
