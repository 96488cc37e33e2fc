using System.Security.Cryptography;
using MpcWallet.Mpc.Randomness;

namespace MpcWallet.Mpc.Backup;

/// <summary>
/// The private half of the operator's recovery key (X25519 scalar). It belongs to the offline recovery tooling and
/// tests, never to a running service: nodes only ever see the <see cref="RecoveryPublicKey"/>. Wiped on Dispose.
/// </summary>
public sealed class RecoveryPrivateKey : IDisposable
{
    private readonly byte[] _scalar;
    private bool _disposed;

    private RecoveryPrivateKey(byte[] scalar)
    {
        _scalar = scalar;
        PublicKey = new RecoveryPublicKey(Hpke.PublicKeyOf(_scalar));
    }

    public RecoveryPublicKey PublicKey { get; }

    public static RecoveryPrivateKey Generate(IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var scalar = new byte[Hpke.KeyLength];
        random.Fill(scalar);
        return new RecoveryPrivateKey(scalar);
    }

    /// <summary>From its 32 raw bytes (as the offline tool stores them).</summary>
    public static RecoveryPrivateKey Import(ReadOnlySpan<byte> scalar)
    {
        if (scalar.Length != Hpke.KeyLength)
        {
            throw new ArgumentException($"a recovery private key is {Hpke.KeyLength} bytes", nameof(scalar));
        }

        return new RecoveryPrivateKey(scalar.ToArray());
    }

    /// <summary>The raw scalar: the caller stores it offline and wipes this array.</summary>
    public byte[] Export()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _scalar.ToArray();
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_scalar);
        _disposed = true;
    }

    public override string ToString() => $"recovery private key for {PublicKey}";

    internal byte[]? Open(ReadOnlySpan<byte> enc, ReadOnlySpan<byte> info, ReadOnlySpan<byte> aad, ReadOnlySpan<byte> ciphertext)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Hpke.Open(_scalar, enc, info, aad, ciphertext);
    }
}
