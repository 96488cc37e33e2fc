using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MpcWallet.Infrastructure.Trust;

/// <summary>
/// The TLS check both ends of NodeControl make (docs/design-trust.md, "Transport security"): the certificate a peer
/// presents must be the one the cluster manifest lists for it (SHA-256 of its DER encoding, <c>tlsCertificateSha256</c>),
/// and, where a CA is configured, chain to that CA as well. Pinning is what decides: a certificate the CA issued to
/// someone else is still refused.
/// </summary>
public static class CertificatePinning
{
    /// <summary>The manifest's fingerprint of a certificate: lowercase hex SHA-256 of its DER encoding.</summary>
    public static string Fingerprint(X509Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Convert.ToHexStringLower(SHA256.HashData(certificate.GetRawCertData()));
    }

    /// <summary>
    /// Why <paramref name="presented"/> is refused, or null when it is one of <paramref name="pinned"/> (and chains to
    /// <paramref name="authority"/> when one is given).
    /// </summary>
    /// <param name="pinned">The fingerprints the manifest allows here (entries without one allow nothing).</param>
    /// <param name="whose">Who should have presented it, for the reason ("a coordinator listed in …", "node-2 in …").</param>
    /// <param name="presentedChain">The chain the peer sent, for intermediates.</param>
    public static string? Refusal(X509Certificate? presented, IEnumerable<string?> pinned, string whose, X509Certificate2? authority, X509Chain? presentedChain = null)
    {
        ArgumentNullException.ThrowIfNull(pinned);
        if (presented is null)
        {
            return $"no certificate was presented (expected the certificate of {whose})";
        }

        var fingerprint = Fingerprint(presented);
        var allowed = pinned.Where(p => p is not null).ToArray();
        if (allowed.Length == 0)
        {
            return $"certificate SHA-256 {fingerprint} refused: the cluster manifest lists no tlsCertificateSha256 for {whose}";
        }

        if (!allowed.Contains(fingerprint, StringComparer.Ordinal))
        {
            return $"certificate SHA-256 {fingerprint} refused: it is not the tlsCertificateSha256 the cluster manifest lists for {whose}";
        }

        return authority is null || ChainsTo(presented, authority, presentedChain)
            ? null
            : $"certificate SHA-256 {fingerprint} refused: it is pinned for {whose} but does not chain to the configured CA {authority.Subject}";
    }

    private static bool ChainsTo(X509Certificate presented, X509Certificate2 authority, X509Chain? presentedChain)
    {
        using var leaf = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presentedChain is not null)
        {
            foreach (var element in presentedChain.ChainElements.Skip(1))
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(leaf);
    }
}
