using Microsoft.Extensions.Hosting;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Infrastructure.Trust;

namespace MpcWallet.Coordinator.Configuration;

/// <summary>
/// Rollback protection for the cluster manifest (docs/design-trust.md, "The cluster manifest"): a coordinator refuses
/// to start on a manifest older than the newest any coordinator on its store accepted, and records a newer one.
/// Registered after the store's schema is applied. Not in development trust: that manifest is made up afresh by each
/// process start (new operator key, versions counting from 1 again), so an older number there is no rollback.
/// </summary>
internal sealed class ManifestRollbackCheck(ClusterTrust trust, CoordinatorStore store) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (trust.IsDevelopment || !trust.HasManifest)
        {
            return;
        }

        var manifest = trust.Manifest;
        if (await store.RaiseManifestVersionAsync(manifest.ClusterId, manifest.Version, cancellationToken) is { } highest && highest > manifest.Version)
        {
            throw new InvalidOperationException(
                $"coordinator: the cluster manifest is version {manifest.Version} of cluster {manifest.ClusterId}, but a coordinator on this store already accepted version {highest}; refusing an older manifest (rollback). Install version {highest} or newer.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
