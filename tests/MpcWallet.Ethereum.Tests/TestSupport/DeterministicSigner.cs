using MpcWallet.Ethereum.Signatures;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math.EC.Multiplier;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace MpcWallet.Ethereum.Tests.TestSupport;

/// <summary>
/// TEST-ONLY single-key ECDSA signer: RFC 6979 nonces (HMAC-SHA256, BouncyCastle's HMacDsaKCalculator), the
/// recovery id read from the nonce point R itself (independent of the library's recovery code), then low-s
/// normalisation that flips the recovery id. Production signing is threshold ECDSA in MpcWallet.Mpc.
/// </summary>
internal sealed class DeterministicSigner
{
    private static readonly Org.BouncyCastle.Asn1.X9.X9ECParameters Curve = CustomNamedCurves.GetByName("secp256k1");

    private readonly BcBigInteger _d;

    public DeterministicSigner(byte[] privateKey)
    {
        _d = new BcBigInteger(1, privateKey);
        if (_d.SignValue <= 0 || _d.CompareTo(Curve.N) >= 0)
        {
            throw new ArgumentException("Not a valid private key.", nameof(privateKey));
        }

        PublicKey = new FixedPointCombMultiplier().Multiply(Curve.G, _d).Normalize().GetEncoded(false);
    }

    /// <summary>65-byte uncompressed public key.</summary>
    public byte[] PublicKey { get; }

    public static DeterministicSigner FromHex(string privateKeyHex) => new(TestVectors.Hex(privateKeyHex));

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
            var rBytes = BigIntegers32(r);
            var sBytes = BigIntegers32(s);
            return Signature.FromRecoverable(rBytes, sBytes, recoveryId);
        }
    }

    private static byte[] BigIntegers32(BcBigInteger value) => Org.BouncyCastle.Utilities.BigIntegers.AsUnsignedByteArray(32, value);

}
