namespace MpcWallet.Testing;

/// <summary>
/// The throwaway CA made by scripts/prepare.d/17-test-ca.sh (openssl, never checked in): it issued the test RabbitMQ's
/// amqps and the test PostgreSQL's TLS certificates (127.0.0.1, localhost). Found in <c>MPCWALLET_TEST_CA_DIR</c>,
/// else /tmp/mpcwallet-test-ca.
/// </summary>
public static class TestCertificateAuthority
{
    public static string Directory => Environment.GetEnvironmentVariable("MPCWALLET_TEST_CA_DIR") ?? "/tmp/mpcwallet-test-ca";

    /// <summary>The CA certificate (PEM) every test process is told to trust for its broker and database links.</summary>
    public static string CertificateFile
    {
        get
        {
            var file = Path.Combine(Directory, "ca.crt");
            return File.Exists(file) ? file : throw new InvalidOperationException($"the test CA {file} is missing: run scripts/prepare-test-env.sh (17-test-ca.sh)");
        }
    }
}
