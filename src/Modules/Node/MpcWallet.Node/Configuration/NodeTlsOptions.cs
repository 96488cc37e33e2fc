using System.Security.Cryptography.X509Certificates;
using MpcWallet.Infrastructure.Trust;

namespace MpcWallet.Node.Configuration;

/// <summary>
/// <c>Node:Tls</c>: what a node checks of the coordinators calling its NodeControl over TLS. The node's own
/// certificate and key are Kestrel's (<c>Kestrel:Certificates:Default:Path|KeyPath</c>, with <c>--urls https://…</c>).
/// </summary>
internal sealed class NodeTlsOptions
{
    /// <summary>
    /// Optional: a CA certificate (PEM or DER) every coordinator client certificate must also chain to. The pin to the
    /// manifest's <c>tlsCertificateSha256</c> is checked either way.
    /// </summary>
    public string? CaCertificatePath { get; set; }

    /// <exception cref="InvalidOperationException">The configured file is missing or not a certificate.</exception>
    public X509Certificate2? LoadAuthority() =>
        string.IsNullOrWhiteSpace(CaCertificatePath) ? null : CertificateFiles.Load(CaCertificatePath, null, null, "Node:Tls:CaCertificatePath");
}
