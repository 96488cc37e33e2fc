using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MpcWallet.Testing.Processes;

/// <summary>
/// A throwaway certificate authority made in memory for one test cluster (nothing is checked in): it issues each
/// process a TLS certificate for 127.0.0.1/localhost, usable as server and client certificate, written as PEM files
/// (key 0600) the processes are configured with, as an operator's would be.
/// </summary>
public sealed class InMemoryCertificateAuthority : IDisposable
{
    private readonly X509Certificate2 _authority;
    private readonly string _directory;

    public InMemoryCertificateAuthority(string directory, string name)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name} test CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        _authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2));
        CertificatePath = Path.Combine(directory, "ca.crt.pem");
        File.WriteAllText(CertificatePath, _authority.ExportCertificatePem());
        Certificate = X509CertificateLoader.LoadCertificate(_authority.RawData);
    }

    /// <summary>The CA certificate (public part only), as processes and test clients trust it.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Its PEM file (for <c>Coordinator:Tls:CaCertificatePath</c>, <c>Node:Tls:CaCertificatePath</c>).</summary>
    public string CertificatePath { get; }

    /// <summary>A new certificate for <paramref name="name"/> and its PEM files (<c>&lt;file&gt;.crt.pem</c>, <c>&lt;file&gt;.key.pem</c>).</summary>
    public IssuedCertificate Issue(string name, string? fileName = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_authority, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using var issued = request.Create(_authority, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), RandomNumberGenerator.GetBytes(16));
        var file = Path.Combine(_directory, fileName ?? name);
        var certificatePath = file + ".crt.pem";
        var keyPath = file + ".key.pem";
        File.WriteAllText(certificatePath, issued.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        using var withKey = issued.CopyWithPrivateKey(key);
        var usable = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        return new IssuedCertificate(usable, certificatePath, keyPath);
    }

    /// <summary>Whether a server certificate chains to this CA (for test clients' validation callbacks).</summary>
    public bool Issued(X509Certificate? certificate)
    {
        if (certificate is null)
        {
            return false;
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }

    public void Dispose()
    {
        _authority.Dispose();
        Certificate.Dispose();
    }

    /// <summary>A certificate with its private key, and the PEM files holding them.</summary>
    public sealed record IssuedCertificate(X509Certificate2 Certificate, string CertificatePath, string KeyPath);
}
