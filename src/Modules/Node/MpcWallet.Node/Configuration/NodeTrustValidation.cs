using Microsoft.Extensions.Options;
using MpcWallet.Infrastructure.Trust;

namespace MpcWallet.Node.Configuration;

/// <summary>
/// A node of a split deployment starts only if the verified cluster manifest lists it (its identity is compared
/// when its store opens). Development trust needs nothing: local nodes enroll themselves.
/// </summary>
internal sealed class NodeTrustValidation(ClusterTrust trust) : IValidateOptions<NodeOptions>
{
    public ValidateOptionsResult Validate(string? name, NodeOptions options)
    {
        if (!trust.HasManifest || trust.IsDevelopment)
        {
            return ValidateOptionsResult.Success; // a failure is the trust's own validation's to report; development enrolls itself
        }

        var missing = options.Ids.Where(id => !string.IsNullOrWhiteSpace(id) && trust.Manifest.FindNode(id) is null)
            .Select(id => $"node {id} is not in the {trust.Manifest}: enroll it (trust node-identity, trust manifest add-node)")
            .ToArray();
        return missing.Length == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(missing);
    }
}
