using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace MpcWallet.Testing.Processes;

/// <summary>
/// How a test talks to a host serving https: servers are trusted when the cluster's test CA issued them, and a node
/// (which requires a client certificate pinned to the manifest's coordinators) is called with an enrolled one.
/// </summary>
public sealed record HostTls(InMemoryCertificateAuthority Authority, X509Certificate2? ClientCertificate = null)
{
    /// <summary>A handler for HTTP and gRPC clients: the CA's servers only, the client certificate when given.</summary>
    public SocketsHttpHandler Handler(System.Security.Authentication.SslProtocols protocols = System.Security.Authentication.SslProtocols.None)
    {
        var tls = new SslClientAuthenticationOptions
        {
            EnabledSslProtocols = protocols,
            RemoteCertificateValidationCallback = (_, certificate, _, _) => Authority.Issued(certificate),
        };
        if (ClientCertificate is not null)
        {
            tls.ClientCertificates = [ClientCertificate];
        }

        return new SocketsHttpHandler { SslOptions = tls };
    }
}
