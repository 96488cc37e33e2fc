using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MpcWallet.Infrastructure.Trust;
using MpcWallet.Node.Configuration;

namespace MpcWallet.Node.Control;

/// <summary>
/// NodeControl over TLS on the host's server (a process serving one node, <c>--urls https://…</c> with Kestrel's
/// certificate settings): TLS 1.3 only, and a client certificate is required on every connection, accepted only
/// when its SHA-256 is the <c>tlsCertificateSha256</c> of a coordinator in the cluster manifest (and it chains to
/// <c>Node:Tls:CaCertificatePath</c> when set). The whole server is covered, health and metrics included: a TLS 1.3
/// connection cannot ask for a client certificate for some paths only, and a node's state is nobody else's business.
/// A refused certificate is logged with its fingerprint and the reason. Cleartext endpoints are not touched here.
/// </summary>
/// <remarks>
/// Kestrel's options are made while the host is built, before the start-up validation reports misconfigurations in
/// one line: so the node's options are read only at the first handshake (the CA file is checked at start by
/// <see cref="NodeTrustValidation"/>).
/// </remarks>
internal sealed partial class NodeControlTls(ClusterTrust trust, IOptions<NodeOptions> options, ILogger<NodeControlTls> logger) : IConfigureOptions<KestrelServerOptions>
{
    private readonly Lazy<X509Certificate2?> _authority = new(() => options.Value.Tls.LoadAuthority());

    public void Configure(KestrelServerOptions kestrel)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        kestrel.ConfigureHttpsDefaults(https =>
        {
            https.SslProtocols = SslProtocols.Tls13;
            https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
            https.ClientCertificateValidation = (certificate, chain, _) => Accepts(certificate, chain);
        });
    }

    /// <summary>Whether a client certificate is a coordinator's of the manifest (chain errors are the CA check's, not the platform's).</summary>
    internal bool Accepts(X509Certificate2 certificate, X509Chain? chain)
    {
        var manifest = trust.Manifest;
        var refusal = CertificatePinning.Refusal(certificate, manifest.Coordinators.Select(c => c.TlsCertificateSha256), $"any coordinator in the {manifest}", _authority.Value, chain);
        if (refusal is null)
        {
            return true;
        }

        // The subject is the client's text: bounded (the fingerprint in the reason identifies the certificate).
        LogRefused(logger, certificate.Subject.Length <= 200 ? certificate.Subject : certificate.Subject[..200] + "…", refusal);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "NodeControl refused a TLS client (certificate subject '{Subject}'): {Reason}")]
    private static partial void LogRefused(ILogger logger, string subject, string reason);
}
