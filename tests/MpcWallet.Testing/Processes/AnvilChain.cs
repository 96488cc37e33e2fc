using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace MpcWallet.Testing.Processes;

/// <summary>
/// A private Anvil chain (31337, automine) on a free loopback port, killed on dispose, with the few JSON-RPC calls
/// the process tests need. Funding uses Anvil's unlocked development account 0 (<c>eth_sendTransaction</c>).
/// </summary>
public sealed class AnvilChain : IAsyncDisposable
{
    public const ulong ChainId = 31337;

    /// <summary>Anvil's development account 0 ("test test … junk"), unlocked and funded on every Anvil.</summary>
    public const string DevAccount0 = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(15) };
    private int _requestId;

    private AnvilChain(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public static async Task<AnvilChain> StartAsync()
    {
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var port = FreePorts.Next();
            var start = new ProcessStartInfo(RepositoryFiles.Anvil()) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--chain-id", ChainId.ToString(CultureInfo.InvariantCulture), "--silent" })
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException("anvil did not start");
            var chain = new AnvilChain(process, new Uri($"http://127.0.0.1:{port}/"));
            process.OutputDataReceived += (_, e) => chain.Append(e.Data);
            process.ErrorDataReceived += (_, e) => chain.Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await chain.WaitUntilReadyAsync();
                return chain;
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                last = e;
                await chain.DisposeAsync();
            }
        }

        throw new InvalidOperationException("Anvil did not start: " + last?.Message, last);
    }

    /// <summary>Sends <paramref name="wei"/> from development account 0 and waits for the receipt.</summary>
    public async Task FundAsync(string address, BigInteger wei)
    {
        var hash = (await CallAsync("eth_sendTransaction", new { from = DevAccount0, to = address, value = Quantity(wei) })).GetString()!;
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((await CallAsync("eth_getTransactionReceipt", hash)).ValueKind == JsonValueKind.Null)
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"funding transaction {hash} was not mined");
            }

            await Task.Delay(100);
        }
    }

    public async Task<BigInteger> BalanceAsync(string address) => ParseQuantity(await CallAsync("eth_getBalance", address, "latest"));

    /// <summary>The account's nonce in the latest block (= how many of its transactions are mined).</summary>
    public async Task<ulong> NonceAsync(string address) => (ulong)ParseQuantity(await CallAsync("eth_getTransactionCount", address, "latest"));

    /// <summary>The mined transaction (<c>from</c>, <c>nonce</c>, <c>to</c>, <c>value</c> …), or null.</summary>
    public async Task<JsonElement?> TransactionAsync(string hash)
    {
        var result = await CallAsync("eth_getTransactionByHash", hash);
        return result.ValueKind == JsonValueKind.Null ? null : result;
    }

    public static BigInteger ParseQuantity(JsonElement quantity) =>
        BigInteger.Parse("0" + quantity.GetString()![2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    public async Task<JsonElement> CallAsync(string method, params object[] parameters)
    {
        var request = new { jsonrpc = "2.0", id = Interlocked.Increment(ref _requestId), method, @params = parameters };
        using var response = await _http.PostAsJsonAsync(Endpoint, request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (body.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"{method} failed: {error}");
        }

        return body.GetProperty("result").Clone();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
        _http.Dispose();
    }

    private static string Quantity(BigInteger value)
    {
        var hex = value.ToString("x", CultureInfo.InvariantCulture).TrimStart('0');
        return "0x" + (hex.Length == 0 ? "0" : hex);
    }

    private async Task WaitUntilReadyAsync()
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Anvil exited with code {_process.ExitCode}: {Output()}");
            }

            try
            {
                await CallAsync("eth_chainId");
                return;
            }
            catch (HttpRequestException)
            {
                if (DateTime.UtcNow > until)
                {
                    throw new TimeoutException("Anvil did not answer within 30 s: " + Output());
                }

                await Task.Delay(100);
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 64 * 1024)
            {
                _output.AppendLine(line);
            }
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }
}
