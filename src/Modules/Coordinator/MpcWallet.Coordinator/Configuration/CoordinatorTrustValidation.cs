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
        failures.AddRange(TlsFailures(options, cluster, manifest));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// NodeControl over TLS (https node endpoints) needs this instance's client certificate, the one the manifest
    /// lists for it (nodes refuse any other), and a pinned certificate for every such node (this coordinator refuses
    /// any other): each mismatch is named here rather than found at the first session.
    /// </summary>
    private static List<string> TlsFailures(CoordinatorOptions options, ClusterOptions cluster, ClusterManifest manifest)
    {
        var failures = new List<string>();
        var overTls = cluster.Nodes.Where(n => Uri.TryCreate(n.GrpcEndpoint, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps).ToArray();
        failures.AddRange(overTls.Where(n => manifest.FindNode(n.Id) is { TlsCertificateSha256: null })
            .Select(n => $"node {n.Id} is reached over https, but the {manifest} lists no tlsCertificateSha256 for it: its certificate would be refused"));
        if (!options.Tls.HasCertificate)
        {
            if (overTls.Length > 0)
            {
                failures.Add($"nodes {string.Join(", ", overTls.Select(n => n.Id))} are reached over https, which needs this coordinator's client certificate: set Coordinator:Tls:CertificatePath and Coordinator:Tls:KeyPath");
            }

            return failures;
        }

        try
        {
            using var certificate = options.Tls.LoadCertificate()!;
            options.Tls.LoadAuthority()?.Dispose();
            var fingerprint = CertificatePinning.Fingerprint(certificate);
            var pinned = manifest.FindCoordinator(options.InstanceId)?.TlsCertificateSha256;
            if (pinned != fingerprint)
            {
                failures.Add($"Coordinator:Tls:CertificatePath (SHA-256 {fingerprint}) is not the certificate the {manifest} lists for coordinator {options.InstanceId} ({pinned ?? "none"}): nodes would refuse it (trust coordinator-identity, trust manifest add-coordinator --tls-certificate-sha256)");
            }
        }
        catch (InvalidOperationException e)
        {
            failures.Add(e.Message);
        }

        return failures;
    }
}
