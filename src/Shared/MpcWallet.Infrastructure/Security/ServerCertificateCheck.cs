using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace MpcWallet.Infrastructure.Security;

/// <summary>
/// How a process checks the server at the other end of one of its TLS links (broker, database): the certificate must
/// name the host it dialled (TLS's own name check, never waived), and chain to the configured CA file when one is
/// given — to that CA only, not to whatever the machine's store trusts — else to the machine's trusted roots.
/// </summary>
public static class ServerCertificateCheck
{
    /// <summary>The check for a link whose servers are issued by the CA in <paramref name="caCertificateFile"/> (PEM; null: the system store).</summary>
    /// <exception cref="InvalidOperationException">The CA file cannot be read.</exception>
    public static RemoteCertificateValidationCallback For(string? caCertificateFile)
    {
        if (string.IsNullOrWhiteSpace(caCertificateFile))
        {
            return static (_, _, _, errors) => errors == SslPolicyErrors.None;
        }

        var authorities = LoadAuthorities(caCertificateFile);
        return (_, certificate, _, errors) =>
        {
            // Only the chain is judged here, against our CA; a missing certificate or a wrong name is never accepted.
            if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
            // Test and private CAs publish no revocation lists; expiry and the chain are still checked.
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            using var server = new X509Certificate2(certificate);
            return chain.Build(server);
        };
    }

    private static X509Certificate2Collection LoadAuthorities(string file)
    {
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException($"the CA certificate file '{file}' cannot be read: {e.Message}", e);
        }

        return authorities.Count > 0 ? authorities : throw new InvalidOperationException($"the CA certificate file '{file}' holds no PEM certificate");
    }
}
