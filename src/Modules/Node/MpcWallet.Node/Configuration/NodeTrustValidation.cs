using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using MpcWallet.Infrastructure.Trust;

namespace MpcWallet.Node.Configuration;

/// <summary>
/// A node of a split deployment starts only if the verified cluster manifest lists it (its identity is compared
/// when its store opens), and, when it serves NodeControl with a TLS certificate (Kestrel's), only if that is the
/// certificate the manifest lists for it and the manifest lists a certificate for at least one coordinator (else
/// every call would be refused). Development trust needs nothing: local nodes enroll themselves.
/// </summary>
internal sealed class NodeTrustValidation(ClusterTrust trust, IConfiguration configuration) : IValidateOptions<NodeOptions>
{
    public ValidateOptionsResult Validate(string? name, NodeOptions options)
    {
        if (!trust.HasManifest || trust.IsDevelopment)
        {
            return ValidateOptionsResult.Success; // a failure is the trust's own validation's to report; development enrolls itself
        }

        var missing = options.Ids.Where(id => !string.IsNullOrWhiteSpace(id) && trust.Manifest.FindNode(id) is null)
            .Select(id => $"node {id} is not in the {trust.Manifest}: enroll it (trust node-identity, trust manifest add-node)")
            .ToList();
        if (missing.Count == 0)
        {
            missing.AddRange(CertificateFailures(options));
        }

        return missing.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(missing);
    }

    private IEnumerable<string> CertificateFailures(NodeOptions options)
    {
        X509Certificate2? certificate;
        try
        {
            options.Tls.LoadAuthority()?.Dispose();
            certificate = CertificateFiles.KestrelDefault(configuration);
        }
        catch (InvalidOperationException e)
        {
            return [e.Message];
        }

        if (certificate is null)
        {
            return [];
        }

        using (certificate)
        {
            var manifest = trust.Manifest;
            var failures = new List<string>();
            var fingerprint = CertificatePinning.Fingerprint(certificate);
            foreach (var id in options.Ids.Where(id => !string.IsNullOrWhiteSpace(id)))
            {
                var pinned = manifest.FindNode(id)?.TlsCertificateSha256;
                if (pinned != fingerprint)
                {
                    failures.Add($"node {id} serves the certificate {CertificateFiles.KestrelDefaultSection}:Path (SHA-256 {fingerprint}), but the {manifest} lists {pinned ?? "no tlsCertificateSha256"} for it: coordinators would refuse it (trust node-identity, trust manifest add-node --tls-certificate-sha256)");
                }
            }

            if (manifest.Coordinators.All(c => c.TlsCertificateSha256 is null))
            {
                failures.Add($"NodeControl serves TLS, but no coordinator in the {manifest} has a tlsCertificateSha256: every coordinator would be refused (trust coordinator-identity with Coordinator:Tls:CertificatePath, trust manifest add-coordinator --tls-certificate-sha256)");
            }

            return failures;
        }
    }
}
