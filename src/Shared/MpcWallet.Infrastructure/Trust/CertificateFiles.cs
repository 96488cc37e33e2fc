using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

namespace MpcWallet.Infrastructure.Trust;

/// <summary>
/// TLS certificates read from files the way Kestrel reads them: a PEM certificate with its PEM key (<c>KeyPath</c>),
/// a PKCS#12 file (<c>.pfx</c>/<c>.p12</c>, optional password), or a certificate alone where no key is needed (a CA).
/// A failure names the setting and the file.
/// </summary>
public static class CertificateFiles
{
    /// <summary>Kestrel's default server certificate settings (<c>Kestrel:Certificates:Default:Path|KeyPath|Password</c>).</summary>
    public const string KestrelDefaultSection = "Kestrel:Certificates:Default";

    /// <exception cref="InvalidOperationException">The file is missing or not a certificate (with its key when one is asked for).</exception>
    public static X509Certificate2 Load(string path, string? keyPath, string? password, string setting)
    {
        try
        {
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"{setting}: the file {Path.GetFullPath(path)} does not exist");
            }

            var extension = Path.GetExtension(path).ToLowerInvariant();
            if (extension is ".pfx" or ".p12")
            {
                return X509CertificateLoader.LoadPkcs12FromFile(path, password);
            }

            return string.IsNullOrWhiteSpace(keyPath)
                ? X509CertificateLoader.LoadCertificateFromFile(path)
                : LoadPemWithKey(path, keyPath, password);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"{setting}: {path} is not a usable certificate{(string.IsNullOrWhiteSpace(keyPath) ? "" : $" with the key {keyPath}")}: {e.Message}", e);
        }
    }

    /// <summary>The certificate Kestrel serves by default, when one is configured; null when none is.</summary>
    public static X509Certificate2? KestrelDefault(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(KestrelDefaultSection);
        var path = section["Path"];
        return string.IsNullOrWhiteSpace(path) ? null : Load(path, section["KeyPath"], section["Password"], KestrelDefaultSection + ":Path");
    }

    private static X509Certificate2 LoadPemWithKey(string path, string keyPath, string? password)
    {
        using var pem = string.IsNullOrEmpty(password) ? X509Certificate2.CreateFromPemFile(path, keyPath) : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath);

        // A key made from PEM is ephemeral; TLS on some platforms needs it re-imported to be usable as a client key.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }
}
