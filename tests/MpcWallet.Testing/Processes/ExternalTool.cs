using System.Diagnostics;

namespace MpcWallet.Testing.Processes;

/// <summary>Runs a client program nobody here wrote (cast, node with ethers) and returns its output; a non-zero exit fails with its error output.</summary>
public static class ExternalTool
{
    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(program)} did not finish in time: {await error}");
        }

        return process.ExitCode == 0
            ? (await output).Trim()
            : throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {await error}\n{await output}");
    }

    /// <summary>ethers as scripts/prepare.d/15-ethers.sh installs it into ./.tools/ethers of the repository.</summary>
    public static string EthersModule()
    {
        var module = Path.Combine(RepositoryFiles.Root(), ".tools", "ethers", "node_modules", "ethers");
        return File.Exists(Path.Combine(module, "package.json"))
            ? module
            : throw new InvalidOperationException($"ethers is not installed at {module}: run `bash scripts/prepare.d/15-ethers.sh` (or scripts/prepare-test-env.sh)");
    }
}
