using Microsoft.Extensions.Configuration;

namespace MpcWallet.Infrastructure.Modules;

/// <summary>What a module learns of the process it is added to: the configuration, and which modules run in it.</summary>
public sealed class ModuleContext(IConfiguration configuration, IReadOnlyCollection<string> modules)
{
    public IConfiguration Configuration { get; } = configuration;

    /// <summary>The names of every module this process runs, this one included.</summary>
    public IReadOnlyCollection<string> Modules { get; } = modules;

    public bool Runs(string module) => Modules.Contains(module, StringComparer.Ordinal);

    /// <summary>True when no other module runs in this process.</summary>
    public bool RunsAlone(string module) => Modules.Count == 1 && Runs(module);
}
