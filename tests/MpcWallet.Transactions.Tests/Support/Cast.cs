using System.Diagnostics;
using MpcWallet.Testing.Processes;

namespace MpcWallet.Transactions.Tests.Support;

/// <summary>Foundry's cast (./.tools/bin/cast, next to Anvil) as an independent reader of chain state; only its output is used.</summary>
internal static class Cast
{
    /// <summary><c>cast call &lt;to&gt; &lt;signature&gt; &lt;args&gt; --rpc-url &lt;node&gt;</c>, the first word of the answer (cast adds "[1e5]"-style hints).</summary>
    public static async Task<string> CallAsync(Uri rpcUrl, string to, string signature, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(Path.GetDirectoryName(AnvilChain.BinaryPath())!, "cast"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "call", to, signature }.Concat(arguments).Concat(["--rpc-url", rpcUrl.ToString()]))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? output.Trim().Split(' ', 2)[0]
            : throw new InvalidOperationException($"cast call failed ({process.ExitCode}): {error}");
    }
}
