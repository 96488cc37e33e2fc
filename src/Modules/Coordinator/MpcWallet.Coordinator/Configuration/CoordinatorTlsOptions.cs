using System.Security.Cryptography.X509Certificates;
using MpcWallet.Infrastructure.Trust;

namespace MpcWallet.Coordinator.Configuration;

/// <summary>
/// <c>Coordinator:Tls</c>: this instance's NodeControl client certificate (its SHA-256 is its <c>tlsCertificateSha256</c>
/// in the cluster manifest; nodes refuse any other) and, optionally, a CA the nodes' certificates must also chain to.
/// Used for every node whose <c>Cluster:Nodes:i:GrpcEndpoint</c> is https.
/// </summary>
internal sealed class CoordinatorTlsOptions
{
    /// <summary>The client certificate: PEM (with <see cref="KeyPath"/>) or PKCS#12 (<c>.pfx</c>/<c>.p12</c>, with <see cref="Password"/>).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key of <see cref="CertificatePath"/> (keep it 0600).</summary>
    public string? KeyPath { get; set; }

    /// <summary>The password of a PKCS#12 file or an encrypted PEM key (an environment variable, not the command line).</summary>
    public string? Password { get; set; }

    /// <summary>Optional: a CA certificate every node's server certificate must also chain to (the pin is checked either way).</summary>
    public string? CaCertificatePath { get; set; }

    public bool HasCertificate => !string.IsNullOrWhiteSpace(CertificatePath);

    /// <summary>The client certificate with its key, or null when none is configured.</summary>
    /// <exception cref="InvalidOperationException">A configured file is missing or unusable.</exception>
    public X509Certificate2? LoadCertificate() =>
        HasCertificate ? CertificateFiles.Load(CertificatePath!, KeyPath, Password, "Coordinator:Tls:CertificatePath") : null;

    /// <exception cref="InvalidOperationException">A configured file is missing or unusable.</exception>
    public X509Certificate2? LoadAuthority() =>
        string.IsNullOrWhiteSpace(CaCertificatePath) ? null : CertificateFiles.Load(CaCertificatePath, null, null, "Coordinator:Tls:CaCertificatePath");
}
