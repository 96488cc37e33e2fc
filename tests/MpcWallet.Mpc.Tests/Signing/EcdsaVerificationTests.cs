using System.Numerics;
using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Signing;

namespace MpcWallet.Mpc.Tests.Signing;

public sealed class EcdsaVerificationTests
{
    // EIP-155 example (ethereum/EIPs EIPS/eip-155.md): signing data, key 0x46…46, RFC 6979 signature, v = 37 → recid 0.
    internal const string Eip155SigningData = "ec098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a764000080018080";
    internal const string Eip155Hash = "daf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53";
    internal const string Eip155Address = "0x9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f";
    private const string Eip155R = "18515461264373351373200002665853028612451056578545711640558177340181847433846";
    private const string Eip155S = "46948507304638947509940763649030358759909902576025900602547168820602576006531";

    internal static Scalar Eip155Key => Scalar.FromCanonical(Enumerable.Repeat((byte)0x46, 32).ToArray());

    [Fact]
    public void Keccak_of_the_EIP155_signing_data_is_the_published_hash_and_not_SHA3()
    {
        var data = Convert.FromHexString(Eip155SigningData);
        Assert.Equal(Eip155Hash, Convert.ToHexStringLower(IndependentVerifier.Keccak256(data)));
        Assert.NotEqual(Eip155Hash, Convert.ToHexStringLower(System.Security.Cryptography.SHA3_256.IsSupported
            ? System.Security.Cryptography.SHA3_256.HashData(data)
            : Sha3ViaBouncyCastle(data)));
    }

    [Fact]
    public void The_EIP155_example_signature_verifies_and_recovers_to_the_published_address()
    {
        var hash = Convert.FromHexString(Eip155Hash);
        var r = ToBytes32(Eip155R);
        var s = ToBytes32(Eip155S);
        var publicKey = Point.MultiplyGenerator(Eip155Key);

        Assert.Equal(Eip155Address, IndependentVerifier.Address(publicKey));
        Assert.Equal("0x7e5f4552091a69125d5dfcb7b8c2659029395bdf", IndependentVerifier.Address(Point.Generator));
        Assert.True(EcdsaVerification.Verify(publicKey, hash, r, s));
        Assert.Equal(publicKey, EcdsaVerification.RecoverPublicKey(hash, r, s, 0));
        Assert.NotEqual(publicKey, EcdsaVerification.RecoverPublicKey(hash, r, s, 1));
    }

    [Fact]
    public void Verification_rejects_wrong_digest_key_and_out_of_range_values()
    {
        var hash = Convert.FromHexString(Eip155Hash);
        var r = ToBytes32(Eip155R);
        var s = ToBytes32(Eip155S);
        var publicKey = Point.MultiplyGenerator(Eip155Key);
        var otherHash = (byte[])hash.Clone();
        otherHash[31] ^= 1;

        Assert.False(EcdsaVerification.Verify(publicKey, otherHash, r, s));
        Assert.False(EcdsaVerification.Verify(Point.Generator, hash, r, s));
        Assert.False(EcdsaVerification.Verify(publicKey, hash, new byte[32], s));
        Assert.False(EcdsaVerification.Verify(publicKey, hash, r, Enumerable.Repeat((byte)0xFF, 32).ToArray()));
        Assert.False(EcdsaVerification.Verify(publicKey, hash.AsSpan(1), r, s));
        Assert.Null(EcdsaVerification.RecoverPublicKey(hash, r, s, 4));
        Assert.Null(EcdsaVerification.RecoverPublicKey(hash, new byte[32], s, 0));
    }

    [Fact]
    public void Own_verification_and_recovery_agree_with_dotnet_on_random_signatures()
    {
        var random = new Support.SeededRandomSource(5);
        for (var i = 0; i < 20; i++)
        {
            var key = Scalar.Random(random);
            var k = Scalar.Random(random);
            var digest = new byte[32];
            random.Fill(digest);
            var bigR = Point.MultiplyGenerator(k);
            var r = Scalar.FromBytesReduced(bigR.AffineX());
            var s = k.Invert() * (Scalar.FromBytesReduced(digest) + (r * key));
            var parity = bigR.AffineYIsOdd ? 1 : 0;
            if (s.IsHigh())
            {
                s = -s;
                parity ^= 1;
            }

            var publicKey = Point.MultiplyGenerator(key);
            var signature = new EcdsaSignature(r.ToBytes(), s.ToBytes(), parity);
            Assert.True(EcdsaVerification.Verify(publicKey, digest, signature.R, signature.S));
            Assert.True(IndependentVerifier.VerifyWithDotNet(publicKey, digest, signature));
            Assert.Equal(publicKey, EcdsaVerification.RecoverPublicKey(digest, signature.R, signature.S, signature.RecoveryId));
            digest[0] ^= 0x80;
            Assert.False(IndependentVerifier.VerifyWithDotNet(publicKey, digest, signature));
            Assert.False(EcdsaVerification.Verify(publicKey, digest, signature.R, signature.S));
        }
    }

    [Fact]
    public void Compact_form_round_trips_with_a_v_offset()
    {
        var signature = new EcdsaSignature(ToBytes32(Eip155R), ToBytes32(Eip155S), 1);
        var compact = signature.ToCompact(27);
        Assert.Equal(28, compact[64]);
        var parsed = EcdsaSignature.FromCompact(compact, 27);
        Assert.Equal(signature.R, parsed.R);
        Assert.Equal(signature.S, parsed.S);
        Assert.Equal(1, parsed.RecoveryId);
        Assert.Throws<ArgumentOutOfRangeException>(() => EcdsaSignature.FromCompact(compact));
    }

    internal static byte[] ToBytes32(string decimalValue)
    {
        var bytes = BigInteger.Parse(decimalValue).ToByteArray(isUnsigned: true, isBigEndian: true);
        var result = new byte[32];
        bytes.CopyTo(result, 32 - bytes.Length);
        return result;
    }

    private static byte[] Sha3ViaBouncyCastle(byte[] data)
    {
        var sha3 = new Org.BouncyCastle.Crypto.Digests.Sha3Digest(256);
        sha3.BlockUpdate(data, 0, data.Length);
        var hash = new byte[32];
        sha3.DoFinal(hash, 0);
        return hash;
    }
}
