namespace MpcWallet.Testing.Processes;

/// <summary>Files of the repository the tests run from: the host binary (Anvil is found by the host's own launcher, see AnvilChain).</summary>
public static class RepositoryFiles
{
    public static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MpcWallet.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (MpcWallet.sln) above " + AppContext.BaseDirectory);
    }

    /// <summary>
    /// MpcWallet.Host.dll: next to the test assembly (a project referencing the host gets it with its runtimeconfig and
    /// appsettings/), else src/Host/MpcWallet.Host/bin/&lt;Configuration&gt;/net10.0 of the same configuration.
    /// </summary>
    public static string HostDll()
    {
        var local = Path.Combine(AppContext.BaseDirectory, "MpcWallet.Host.dll");
        if (File.Exists(local) && File.Exists(Path.Combine(AppContext.BaseDirectory, "MpcWallet.Host.runtimeconfig.json")))
        {
            return local;
        }

        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Release";
        var built = Path.Combine(Root(), "src", "Host", "MpcWallet.Host", "bin", configuration, "net10.0", "MpcWallet.Host.dll");
        return File.Exists(built)
            ? built
            : throw new InvalidOperationException($"MpcWallet.Host.dll is neither next to the tests nor at {built}; build the solution first (dotnet build MpcWallet.sln -c {configuration})");
    }
}
