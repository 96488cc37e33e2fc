using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using MpcWallet.Infrastructure.Cluster;
using MpcWallet.Infrastructure.Trust;

namespace MpcWallet.Coordinator.Configuration;

/// <summary>
/// A coordinator of a split deployment starts only if the verified cluster manifest lists this instance with exactly
/// the keys of its identity key file, and every configured node (whose channel identity it then takes from there).
/// Development trust needs nothing: the coordinator enrolls itself.
/// </summary>
internal sealed class CoordinatorTrustValidation(ClusterTrust trust, IConfiguration configuration) : IValidateOptions<CoordinatorOptions>
{
    public ValidateOptionsResult Validate(string? name, CoordinatorOptions options)
    {
        if (!trust.HasManifest || trust.IsDevelopment)
        {
            return ValidateOptionsResult.Success; // a failure is the trust's own validation's to report; development enrolls itself
        }

        var failures = new List<string>();
        var manifest = trust.Manifest;
        var path = CoordinatorIdentityFile.Path(options, configuration);
        if (manifest.FindCoordinator(options.InstanceId) is not { } entry)
        {
            failures.Add($"coordinator {options.InstanceId} is not in the {manifest}: enroll it (trust coordinator-identity, trust manifest add-coordinator) or set Coordinator:InstanceId to its enrolled id");
        }
        else
        {
            try
            {
                using var identity = CoordinatorIdentity.LoadOrCreate(path);
                if (!identity.Matches(entry))
                {
                    failures.Add($"the identity key file {path} of coordinator {options.InstanceId} does not hold the keys the {manifest} lists for it");
                }
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                failures.Add($"Coordinator:IdentityKeyFile: {e.Message}");
            }
        }

        var cluster = configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new ClusterOptions();
        failures.AddRange(cluster.Nodes.Where(n => !string.IsNullOrWhiteSpace(n.Id) && manifest.FindNode(n.Id) is null)
            .Select(n => $"node {n.Id} of Cluster:Nodes is not in the {manifest}"));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
