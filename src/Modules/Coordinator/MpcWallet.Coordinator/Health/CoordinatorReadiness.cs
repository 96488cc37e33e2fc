using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MpcWallet.Coordinator.Nodes;
using MpcWallet.Coordinator.Persistence;

namespace MpcWallet.Coordinator.Health;

/// <summary>Ready when the store answers and at least two nodes (the smallest quorum) are online.</summary>
internal sealed class CoordinatorReadiness(CoordinatorStore store, NodeRegistry registry) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = store.Open();
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("the coordinator store does not answer");
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException)
        {
            return HealthCheckResult.Unhealthy("the coordinator store does not answer");
        }

        var online = registry.Configured.Count(registry.IsOnline);
        return online >= 2
            ? HealthCheckResult.Healthy($"{online} of {registry.Configured.Count} nodes online")
            : HealthCheckResult.Unhealthy($"only {online} of {registry.Configured.Count} nodes online; no signing quorum");
    }
}
