using MpcWallet.Infrastructure.Trust;
using MpcWallet.Testing.Processes;

namespace MpcWallet.Node.Tests.Trust;

/// <summary>
/// The NodeControl TLS check of both ends: the manifest's pin decides, a configured CA only narrows. Every refused
/// certificate comes from a CA the check would otherwise trust.
/// </summary>
public sealed class CertificatePinningTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mpcwallet-pinning-").FullName;
    private readonly InMemoryCertificateAuthority _authority;
    private readonly InMemoryCertificateAuthority _otherAuthority;

    public CertificatePinningTests()
    {
        _authority = new InMemoryCertificateAuthority(Path.Combine(_directory, "a"), "a");
        _otherAuthority = new InMemoryCertificateAuthority(Path.Combine(_directory, "b"), "b");
    }

    [Fact]
    public void The_pinned_certificate_is_accepted_with_or_without_its_CA()
    {
        using var certificate = _authority.Issue("coordinator-1").Certificate;
        var pin = CertificatePinning.Fingerprint(certificate);
        Assert.Equal(64, pin.Length);
        Assert.Null(CertificatePinning.Refusal(certificate, [null, pin], "coordinator-1", authority: null));
        Assert.Null(CertificatePinning.Refusal(certificate, [pin], "coordinator-1", _authority.Certificate));
    }

    [Fact]
    public void A_certificate_the_same_CA_issued_to_someone_else_is_refused_naming_its_fingerprint()
    {
        using var enrolled = _authority.Issue("coordinator-1").Certificate;
        using var intruder = _authority.Issue("intruder").Certificate;
        var refusal = CertificatePinning.Refusal(intruder, [CertificatePinning.Fingerprint(enrolled)], "coordinator-1", _authority.Certificate);
        Assert.NotNull(refusal);
        Assert.Contains(CertificatePinning.Fingerprint(intruder), refusal, StringComparison.Ordinal);
        Assert.Contains("coordinator-1", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void No_certificate_no_pin_or_a_pinned_certificate_outside_the_configured_CA_is_refused()
    {
        using var certificate = _otherAuthority.Issue("node-1").Certificate;
        var pin = CertificatePinning.Fingerprint(certificate);
        Assert.Contains("no certificate", CertificatePinning.Refusal(null, [pin], "node-1", null), StringComparison.Ordinal);
        Assert.Contains("lists no tlsCertificateSha256", CertificatePinning.Refusal(certificate, [null], "node-1", null), StringComparison.Ordinal);
        Assert.Contains("does not chain", CertificatePinning.Refusal(certificate, [pin], "node-1", _authority.Certificate), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _authority.Dispose();
        _otherAuthority.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
