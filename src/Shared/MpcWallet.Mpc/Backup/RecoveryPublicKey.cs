using System.Security.Cryptography;

namespace MpcWallet.Mpc.Backup;

/// <summary>
/// The operator's offline recovery key, public half: an X25519 public key (RFC 7748 u-coordinate, 32 bytes). Nodes
/// encrypt share backups to it; the private half stays offline (<see cref="RecoveryPrivateKey"/>). Construction
/// refuses non-canonical encodings and the small-order points that would make every backup readable by anyone.
/// </summary>
public sealed class RecoveryPublicKey : IEquatable<RecoveryPublicKey>
{
    public const int Length = Hpke.KeyLength;

    private readonly byte[] _bytes;

    public RecoveryPublicKey(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"a recovery public key is {Length} bytes", nameof(bytes));
        }

        if (!IsCanonical(bytes) || IsSmallOrder(bytes))
        {
            throw new ArgumentException("not a usable X25519 public key (non-canonical or small-order)", nameof(bytes));
        }

        _bytes = bytes.ToArray();
    }

    public ReadOnlySpan<byte> Span => _bytes;

    /// <summary>Lower-case hex, as an operator configures it.</summary>
    public static RecoveryPublicKey Parse(string hex) =>
        new(Convert.FromHexString(hex.StartsWith("0x", StringComparison.Ordinal) ? hex[2..] : hex));

    public byte[] ToArray() => _bytes.ToArray();

    public bool Equals(RecoveryPublicKey? other) => other is not null && CryptographicOperations.FixedTimeEquals(_bytes, other._bytes);

    public override bool Equals(object? obj) => obj is RecoveryPublicKey other && Equals(other);

    public override int GetHashCode() => BitConverter.ToInt32(_bytes, 0);

    public override string ToString() => Convert.ToHexStringLower(_bytes);

    // u < 2^255 − 19, little-endian, top bit clear.
    private static bool IsCanonical(ReadOnlySpan<byte> u)
    {
        if ((u[31] & 0x80) != 0)
        {
            return false;
        }

        if (u[31] != 0x7f)
        {
            return true;
        }

        for (var k = 30; k >= 1; k--)
        {
            if (u[k] != 0xff)
            {
                return true;
            }
        }

        return u[0] < 0xed;
    }

    // A small-order point gives the all-zero shared secret with every private key (X25519 clears the cofactor).
    private static bool IsSmallOrder(ReadOnlySpan<byte> u)
    {
        Span<byte> probe = stackalloc byte[Length];
        probe.Fill(0x5a);
        Span<byte> result = stackalloc byte[Length];
        return !Org.BouncyCastle.Math.EC.Rfc7748.X25519.CalculateAgreement(probe, u, result);
    }
}
