using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Signatures;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math.EC.Multiplier;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace MpcWallet.Bench.Transactions;

/// <summary>
/// BENCHMARK STAND-IN for a wallet's distributed key (<c>--signer single-key</c>): an ordinary secp256k1 key, so the
/// transaction service is measured without the cost of threshold signing. Never used by the product.
/// </summary>
internal sealed class BenchKey
{
    private static readonly Org.BouncyCastle.Asn1.X9.X9ECParameters Curve = CustomNamedCurves.GetByName("secp256k1");
    private readonly BcBigInteger _d;

    public BenchKey()
    {
        var bytes = new byte[32];
        do
        {
            System.Security.Cryptography.RandomNumberGenerator.Fill(bytes);
            _d = new BcBigInteger(1, bytes);
        }
        while (_d.SignValue == 0 || _d.CompareTo(Curve.N) >= 0);

        PublicKey = new FixedPointCombMultiplier().Multiply(Curve.G, _d).Normalize().GetEncoded(true);
        Address = EthereumAddress.FromPublicKey(PublicKey);
    }

    public byte[] PublicKey { get; }

    public EthereumAddress Address { get; }

    public Signature Sign(byte[] digest32)
    {
        var signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
        signer.Init(true, new ECPrivateKeyParameters(_d, new ECDomainParameters(Curve)));
        var rs = signer.GenerateSignature(digest32);
        return SignatureRecovery.WithRecoveryIdFor(digest32, Bytes32(rs[0]), Bytes32(rs[1]), Address);
    }

    private static byte[] Bytes32(BcBigInteger value) => Org.BouncyCastle.Utilities.BigIntegers.AsUnsignedByteArray(32, value);
}
