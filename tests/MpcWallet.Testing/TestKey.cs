using System.Security.Cryptography;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Signatures;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math.EC.Multiplier;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace MpcWallet.Testing;

/// <summary>
/// TEST ONLY: one ordinary secp256k1 key, standing in for a wallet's distributed key (so the transaction lifecycle
/// runs without the MPC engine) and signing the Ethereum tests' vectors. Production signatures come from threshold
/// ECDSA in MpcWallet.Mpc; nothing in src/ ever holds a whole key.
/// Signing is deterministic: RFC 6979 nonces (HMAC-SHA256, BouncyCastle's HMacDsaKCalculator), the recovery id read
/// from the nonce point R itself (independent of the product's recovery code), then low-s normalisation that flips
/// the recovery id.
/// </summary>
public sealed class TestKey
{
    private static readonly Org.BouncyCastle.Asn1.X9.X9ECParameters Curve = CustomNamedCurves.GetByName("secp256k1");

    private readonly BcBigInteger _d;

    public TestKey(byte[] privateKey)
    {
        _d = new BcBigInteger(1, privateKey);
        if (_d.SignValue <= 0 || _d.CompareTo(Curve.N) >= 0)
        {
            throw new ArgumentException("Not a valid private key.", nameof(privateKey));
        }

        var point = new FixedPointCombMultiplier().Multiply(Curve.G, _d).Normalize();
        PublicKey = point.GetEncoded(false);
        CompressedPublicKey = point.GetEncoded(true);
        Address = EthereumAddress.FromPublicKey(PublicKey);
    }

    /// <summary>65-byte uncompressed public key (0x04 ‖ x ‖ y).</summary>
    public byte[] PublicKey { get; }

    /// <summary>33-byte compressed public key, as the coordinator announces a wallet's key.</summary>
    public byte[] CompressedPublicKey { get; }

    public EthereumAddress Address { get; }

    /// <summary>A fresh random key.</summary>
    public static TestKey Random()
    {
        var bytes = new byte[32];
        while (true)
        {
            RandomNumberGenerator.Fill(bytes);
            var d = new BcBigInteger(1, bytes);
            if (d.SignValue > 0 && d.CompareTo(Curve.N) < 0)
            {
                return new TestKey(bytes);
            }
        }
    }

    /// <summary>A known key (test vectors, Anvil's public development accounts), as hex with or without 0x.</summary>
    public static TestKey FromHex(string privateKeyHex) =>
        new(Convert.FromHexString(privateKeyHex.StartsWith("0x", StringComparison.Ordinal) ? privateKeyHex[2..] : privateKeyHex));

    public Signature Sign(byte[] digest32)
    {
        var n = Curve.N;
        var e = new BcBigInteger(1, digest32);
        var k = new HMacDsaKCalculator(new Sha256Digest());
        k.Init(n, _d, digest32);
        while (true)
        {
            var nonce = k.NextK();
            var point = new FixedPointCombMultiplier().Multiply(Curve.G, nonce).Normalize();
            var x = point.AffineXCoord.ToBigInteger();
            var r = x.Mod(n);
            if (r.SignValue == 0)
            {
                continue;
            }

            var s = nonce.ModInverse(n).Multiply(e.Add(_d.Multiply(r))).Mod(n);
            if (s.SignValue == 0)
            {
                continue;
            }

            if (x.CompareTo(n) >= 0)
            {
                continue; // recovery id 2/3 (probability ~2^-127): not expressible in Ethereum
            }

            var recoveryId = point.AffineYCoord.ToBigInteger().TestBit(0) ? 1 : 0;
            return Signature.FromRecoverable(To32(r), To32(s), recoveryId);
        }
    }

    private static byte[] To32(BcBigInteger value) => Org.BouncyCastle.Utilities.BigIntegers.AsUnsignedByteArray(32, value);
}
