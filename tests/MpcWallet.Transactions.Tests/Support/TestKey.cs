using MassTransit;
using MpcWallet.Contracts.FinalSignatures;
using MpcWallet.Contracts.SignatureRequests;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Signatures;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math.EC.Multiplier;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace MpcWallet.Transactions.Tests.Support;

/// <summary>
/// TEST DOUBLE ONLY: one ordinary secp256k1 key standing in for a wallet's distributed key, so the transaction
/// lifecycle can be exercised without the MPC engine. Production signatures come from the coordinator's threshold
/// signing; nothing in src/ ever holds a whole key.
/// </summary>
internal sealed class TestKey
{
    private static readonly Org.BouncyCastle.Asn1.X9.X9ECParameters Curve = CustomNamedCurves.GetByName("secp256k1");
    private readonly BcBigInteger _d;

    public TestKey()
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

    /// <summary>A known key (Anvil's public development accounts only).</summary>
    public TestKey(byte[] privateKey)
    {
        _d = new BcBigInteger(1, privateKey);
        PublicKey = new FixedPointCombMultiplier().Multiply(Curve.G, _d).Normalize().GetEncoded(true);
        Address = EthereumAddress.FromPublicKey(PublicKey);
    }

    /// <summary>Anvil's well-known development account 0 ("test test … junk" mnemonic), funded with 10 000 ETH on every Anvil.</summary>
    public static TestKey AnvilDevAccount0 { get; } = new(Convert.FromHexString("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"));

    public byte[] PublicKey { get; }

    public EthereumAddress Address { get; }

    /// <summary>RFC 6979 ECDSA over the digest; the recovery id is the one that recovers this key's address.</summary>
    public Signature Sign(byte[] digest32)
    {
        var signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
        signer.Init(true, new ECPrivateKeyParameters(_d, new ECDomainParameters(Curve)));
        var rs = signer.GenerateSignature(digest32);
        return SignatureRecovery.WithRecoveryIdFor(digest32, To32(rs[0]), To32(rs[1]), Address);
    }

    /// <summary>The coordinator's answer to a signature request, signed with this key, as <paramref name="signer"/>.</summary>
    public SignatureFinalized Answer(SignatureRequested request, string signer)
    {
        var signature = Sign(HexBytes.ParseFixed(request.Digest, 32));
        return new SignatureFinalized
        {
            MessageId = NewId.NextGuid(),
            SignatureId = request.SignatureId,
            WalletId = request.WalletId,
            Tenant = request.Tenant,
            Digest = request.Digest,
            R = HexBytes.ToHex(signature.R.ToBigEndian32()),
            S = HexBytes.ToHex(signature.S.ToBigEndian32()),
            V = 27 + signature.YParity,
            Nodes = [signer],
            CompletedAt = DateTimeOffset.UtcNow,
        };
    }

    private static byte[] To32(BcBigInteger value) => Org.BouncyCastle.Utilities.BigIntegers.AsUnsignedByteArray(32, value);
}
