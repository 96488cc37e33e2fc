using Microsoft.Extensions.Configuration;

namespace MpcWallet.Host.Composition;

/// <summary><c>Modules:Enabled</c> (or <c>--modules</c>): a comma list of coordinator, node, transactions.</summary>
internal sealed record EnabledModules(bool Coordinator, bool Node, bool Transactions)
{
    public static EnabledModules From(IConfiguration configuration)
    {
        var names = (configuration["Modules:Enabled"] ?? "coordinator,node,transactions")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.ToLowerInvariant())
            .ToHashSet();
        var unknown = names.Except(["coordinator", "node", "transactions"]).ToArray();
        if (unknown.Length > 0)
        {
            throw new InvalidOperationException($"Modules:Enabled names unknown modules: {string.Join(", ", unknown)}");
        }

        return new EnabledModules(names.Contains("coordinator"), names.Contains("node"), names.Contains("transactions"));
    }

    public override string ToString() => string.Join(",", new[] { Coordinator ? "coordinator" : null, Node ? "node" : null, Transactions ? "transactions" : null }.Where(n => n is not null));
}
