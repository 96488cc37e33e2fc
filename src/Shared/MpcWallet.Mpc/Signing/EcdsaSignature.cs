namespace MpcWallet.Mpc.Signing;

/// <summary>
/// A finished secp256k1 ECDSA signature in Ethereum's shape: r and s as 32-byte big-endian values with s ≤ q/2 (EIP-2)
/// and the recovery id (y-parity of R after low-s normalisation; always 0 or 1 here, see <see cref="SignatureAggregator"/>).
/// </summary>
public sealed class EcdsaSignature
{
    public const int CompactLength = 65;

    public EcdsaSignature(byte[] r, byte[] s, int recoveryId)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(s);
        if (r.Length != 32 || s.Length != 32)
        {
            throw new ArgumentException("r and s are 32 bytes each");
        }

        if (recoveryId is not (0 or 1))
        {
            throw new ArgumentOutOfRangeException(nameof(recoveryId), "the recovery id must be 0 or 1");
        }

        R = (byte[])r.Clone();
        S = (byte[])s.Clone();
        RecoveryId = recoveryId;
    }

    public byte[] R { get; }

    public byte[] S { get; }

    public int RecoveryId { get; }

    /// <summary>r ‖ s ‖ v with v = <paramref name="vOffset"/> + recovery id (0 for yParity, 27 for legacy/personal_sign).</summary>
    public byte[] ToCompact(byte vOffset = 0)
    {
        var result = new byte[CompactLength];
        R.CopyTo(result, 0);
        S.CopyTo(result, 32);
        result[64] = (byte)(vOffset + RecoveryId);
        return result;
    }

    /// <summary>Parses r ‖ s ‖ v (v = <paramref name="vOffset"/> + 0/1); checks lengths and v only.</summary>
    public static EcdsaSignature FromCompact(ReadOnlySpan<byte> compact, byte vOffset = 0)
    {
        if (compact.Length != CompactLength)
        {
            throw new ArgumentException($"a compact signature is {CompactLength} bytes", nameof(compact));
        }

        var recoveryId = compact[64] - vOffset;
        return new EcdsaSignature(compact[..32].ToArray(), compact[32..64].ToArray(), recoveryId);
    }

    public override string ToString() =>
        $"EcdsaSignature(r=0x{Convert.ToHexStringLower(R)}, s=0x{Convert.ToHexStringLower(S)}, recid={RecoveryId})";
}
