using MpcWallet.Coordinator;
using MpcWallet.Infrastructure.Modules;
using MpcWallet.Node;
using MpcWallet.Transactions;

namespace MpcWallet.Host.Composition;

/// <summary>The modules this executable can run, and the ones <c>Modules:Enabled</c> (or <c>--modules</c>, a comma list) selects.</summary>
internal static class EnabledModules
{
    private static readonly IMpcWalletModule[] All = [new CoordinatorModule(), new NodeModule(), new TransactionsModule()];

    public static IReadOnlyList<IMpcWalletModule> From(IConfiguration configuration)
    {
        var names = (configuration["Modules:Enabled"] ?? string.Join(",", All.Select(m => m.Name)))
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.ToLowerInvariant())
            .ToHashSet();
        var unknown = names.Except(All.Select(m => m.Name)).ToArray();
        if (unknown.Length > 0)
        {
            throw new InvalidOperationException($"Modules:Enabled names unknown modules: {string.Join(", ", unknown)}");
        }

        return All.Where(m => names.Contains(m.Name)).ToArray();
    }
}
