using Microsoft.Extensions.Configuration;
using MpcWallet.Infrastructure.Trust;

namespace MpcWallet.Coordinator.Configuration;

/// <summary>
/// This coordinator instance's identity (<see cref="CoordinatorIdentity"/>, from <c>Coordinator:IdentityKeyFile</c>):
/// it signs node commands and final signatures and opens the partial signatures nodes seal to it. Under development
/// trust it enrolls itself in the manifest when first needed.
/// </summary>
internal sealed class InstanceKeys : IDisposable
{
    public InstanceKeys(ClusterTrust trust, CoordinatorOptions options, IConfiguration configuration)
    {
        InstanceId = options.InstanceId;
        Identity = CoordinatorIdentity.LoadOrCreate(CoordinatorIdentityFile.Path(options, configuration));
        if (trust.IsDevelopment)
        {
            trust.EnrollDevelopmentCoordinator(Identity.ManifestEntry(options.InstanceId));
        }
    }

    /// <summary>This instance's id in the manifest.</summary>
    public string InstanceId { get; }

    public CoordinatorIdentity Identity { get; }

    public void Dispose() => Identity.Dispose();
}
