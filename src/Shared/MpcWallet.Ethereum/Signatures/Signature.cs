using System.Numerics;
using MpcWallet.Ethereum.Quantities;

namespace MpcWallet.Ethereum.Signatures;

/// <summary>
/// A recoverable secp256k1 ECDSA signature: r, s and the y-parity of the nonce point R (the recovery id; ids 2/3,
/// where R.x ≥ n, cannot be expressed in Ethereum and are refused). 0 &lt; r, s &lt; n always; transactions also
/// require low s (EIP-2), see <see cref="IsLowS"/> and <see cref="ToLowS"/>.
/// </summary>
public sealed class Signature : IEquatable<Signature>
{
    public Signature(UInt256 r, UInt256 s, byte yParity)
    {
        if (r.IsZero || r.ToBigInteger() >= Secp256k1.Order)
        {
            throw new SignatureException("r must be in [1, n-1].");
        }

        if (s.IsZero || s.ToBigInteger() >= Secp256k1.Order)
        {
            throw new SignatureException("s must be in [1, n-1].");
        }

        if (yParity > 1)
        {
            throw new SignatureException("The y-parity (recovery id) must be 0 or 1.");
        }

        R = r;
        S = s;
        YParity = yParity;
    }

    public UInt256 R { get; }

    public UInt256 S { get; }

    /// <summary>0 or 1: the parity of R.y (the recovery id).</summary>
    public byte YParity { get; }

    /// <summary>EIP-2: s ≤ n/2.</summary>
    public bool IsLowS => S.ToBigInteger() <= Secp256k1.HalfOrder;

    /// <summary>
    /// Builds a signature from 32-byte r and s and a recovery id as an ECDSA signer (or the MPC aggregator) returns
    /// them, and normalises it to low s: s := n − s flips the parity of the implied R, so the recovery id flips too.
    /// </summary>
    public static Signature FromRecoverable(ReadOnlySpan<byte> r32, ReadOnlySpan<byte> s32, int recoveryId)
    {
        if (r32.Length != 32 || s32.Length != 32)
        {
            throw new SignatureException("r and s must be 32 bytes each.");
        }

        if (recoveryId is not (0 or 1))
        {
            throw new SignatureException("Recovery ids other than 0 and 1 (R.x ≥ n) cannot be used in Ethereum; sign again.");
        }

        return new Signature(UInt256.FromBigEndian(r32), UInt256.FromBigEndian(s32), (byte)recoveryId).ToLowS();
    }

    /// <summary>The equivalent signature with s ≤ n/2 (itself if already low).</summary>
    public Signature ToLowS() =>
        IsLowS ? this : new Signature(R, UInt256.FromBigInteger(Secp256k1.Order - S.ToBigInteger()), (byte)(YParity ^ 1));

    /// <summary>
    /// The legacy transaction v: 27 + parity without replay protection, 35 + 2·chainId + parity with EIP-155.
    /// </summary>
    public BigInteger LegacyV(ulong? chainId) =>
        chainId is { } id ? 35 + (2 * new BigInteger(id)) + YParity : 27 + YParity;

    /// <summary>65 bytes r || s || v with v = 27 + parity: the personal_sign / eth_sign wire form.</summary>
    public byte[] ToRsv()
    {
        var output = new byte[65];
        R.ToBigEndian32().CopyTo(output, 0);
        S.ToBigEndian32().CopyTo(output, 32);
        output[64] = (byte)(27 + YParity);
        return output;
    }

    /// <summary>Parses 65 bytes r || s || v; v may be 27/28 or 0/1. Does not require low s (messages, not transactions).</summary>
    public static Signature FromRsv(ReadOnlySpan<byte> rsv)
    {
        if (rsv.Length != 65)
        {
            throw new SignatureException("A r||s||v signature has 65 bytes.");
        }

        var v = rsv[64];
        var parity = v switch
        {
            27 or 28 => v - 27,
            0 or 1 => v,
            _ => throw new SignatureException("v must be 27, 28, 0 or 1."),
        };
        return new Signature(UInt256.FromBigEndian(rsv[..32]), UInt256.FromBigEndian(rsv[32..64]), (byte)parity);
    }

    public bool Equals(Signature? other) => other is not null && R == other.R && S == other.S && YParity == other.YParity;

    public override bool Equals(object? obj) => Equals(obj as Signature);

    public override int GetHashCode() => HashCode.Combine(R, S, YParity);

    public override string ToString() => $"Signature(r={R.ToQuantityString()}, s={S.ToQuantityString()}, yParity={YParity})";
}
