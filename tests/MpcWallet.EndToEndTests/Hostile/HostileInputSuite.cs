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
public sealed class HostileInputSuite(HostileHost host, ITestOutputHelper output)
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
