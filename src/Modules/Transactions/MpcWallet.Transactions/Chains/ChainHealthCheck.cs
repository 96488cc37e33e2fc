using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MpcWallet.Transactions.Chains;

/// <summary>Readiness: every configured chain verified (a refused or unreachable chain makes the host unready).</summary>
internal sealed class ChainHealthCheck(ChainRegistry chains) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var problems = chains.All.Where(c => c.State != ChainState.Ready).Select(c => $"chain {c.Id}: {c.Problem}").ToArray();
        return Task.FromResult(problems.Length == 0
            ? HealthCheckResult.Healthy($"{chains.All.Count} chain(s) ready")
            : HealthCheckResult.Unhealthy(string.Join("; ", problems)));
    }
}
