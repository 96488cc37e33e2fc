using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using MpcWallet.Mpc.Channel;
using MpcWallet.Mpc.Hashing;
using MpcWallet.Mpc.Tests.Support;

namespace MpcWallet.Mpc.Tests.Channel;

public sealed class NodeIdentityTests
{
    // RFC 8032 §7.1 TEST 1 and RFC 7748 §6.1 (Alice, Bob)
    private const string Ed25519Seed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    private const string Ed25519Public = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private const string Ed25519EmptyMessageSignature =
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
    private const string AlicePrivate = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
    private const string AlicePublic = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
    private const string BobPrivate = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
    private const string BobPublic = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
    private const string AliceBobShared = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";

    [Fact]
    public void Keys_follow_rfc_8032_and_rfc_7748_test_vectors()
    {
        using var alice = Import(Ed25519Seed, AlicePrivate);
        using var bob = Import(Ed25519Seed.Replace('9', '8'), BobPrivate);
        Assert.Equal(Ed25519Public, Convert.ToHexStringLower(alice.Public.SigningKey));
        Assert.Equal(AlicePublic, Convert.ToHexStringLower(alice.Public.AgreementKey));
        Assert.Equal(BobPublic, Convert.ToHexStringLower(bob.Public.AgreementKey));

        var signature = new byte[64];
        alice.Sign([], signature);
        Assert.Equal(Ed25519EmptyMessageSignature, Convert.ToHexStringLower(signature));
        Assert.True(alice.Public.Verify([], signature));
        Assert.False(bob.Public.Verify([], signature));

        var ab = new byte[32];
        var ba = new byte[32];
        alice.Agree(bob.Public, ab);
        bob.Agree(alice.Public, ba);
        Assert.Equal(AliceBobShared, Convert.ToHexStringLower(ab));
        Assert.Equal(ab, ba);
    }

    [Fact]
    public void Private_export_and_import_round_trip()
    {
        using var original = NodeIdentity.Generate(new SeededRandomSource(3));
        var exported = original.ExportPrivate();
        Assert.Equal(NodeIdentity.PrivateEncodingLength, exported.Length);
        using var restored = NodeIdentity.ImportPrivate(exported);
        Assert.Equal(original.Public, restored.Public);
        Assert.Equal(original.Public.Encode(), restored.Public.Encode());
        Assert.Equal(exported, restored.ExportPrivate());

        var message = Encoding.ASCII.GetBytes("restored identities sign like the original");
        var signature = new byte[64];
        restored.Sign(message, signature);
        Assert.True(original.Public.Verify(message, signature));

        using var peer = NodeIdentity.Generate(new SeededRandomSource(4));
        var fromOriginal = new byte[32];
        var fromRestored = new byte[32];
        original.Agree(peer.Public, fromOriginal);
        restored.Agree(peer.Public, fromRestored);
        Assert.Equal(fromOriginal, fromRestored);
    }

    [Fact]
    public void Private_import_rejects_wrong_length_and_version()
    {
        using var identity = NodeIdentity.Generate(new SeededRandomSource(5));
        var exported = identity.ExportPrivate();
        Assert.Throws<MpcDecodeException>(() => NodeIdentity.ImportPrivate(exported.AsSpan(1)));
        Assert.Throws<MpcDecodeException>(() => NodeIdentity.ImportPrivate([.. exported, 0]));
        exported[0] = 2;
        Assert.Throws<MpcDecodeException>(() => NodeIdentity.ImportPrivate(exported));
    }

    [Fact]
    public void Disposed_identity_cannot_be_used()
    {
        var identity = NodeIdentity.Generate(new SeededRandomSource(6));
        identity.Dispose();
        Assert.Throws<ObjectDisposedException>(() => identity.ExportPrivate());
        Assert.Throws<ObjectDisposedException>(() => identity.Sign([1], new byte[64]));
    }

    [Fact]
    public void Fingerprint_is_sha256_of_the_documented_tagged_encoding_and_stable()
    {
        using var a = NodeIdentity.Generate(new SeededRandomSource(8));
        using var again = NodeIdentity.Generate(new SeededRandomSource(8));
        using var b = NodeIdentity.Generate(new SeededRandomSource(9));

        // recomputed independently of Transcript: tag, then (u32 length ‖ field) per key, then the field count
        var tag = Encoding.ASCII.GetBytes(HashTags.ChannelNodeFingerprint);
        var framed = new List<byte>();
        foreach (var field in new[] { tag, a.Public.SigningKey.ToArray(), a.Public.AgreementKey.ToArray() })
        {
            framed.AddRange(U32(field.Length));
            framed.AddRange(field);
        }

        framed.AddRange(U32(3));
        Assert.Equal(SHA256.HashData(framed.ToArray()), a.Public.Fingerprint.ToArray());

        Assert.Equal(a.Public.FingerprintHex, again.Public.FingerprintHex);
        Assert.Equal(a.Public.FingerprintHex, NodeIdentityPublic.Decode(a.Public.Encode()).FingerprintHex);
        Assert.NotEqual(a.Public.FingerprintHex, b.Public.FingerprintHex);
        Assert.DoesNotContain(Convert.ToHexStringLower(a.ExportPrivate().AsSpan(1, 8)), a.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Public_decoding_rejects_invalid_and_degenerate_keys()
    {
        using var identity = NodeIdentity.Generate(new SeededRandomSource(10));
        var good = identity.Public.Encode();
        Assert.True(NodeIdentityPublic.TryDecode(good, out _));
        Assert.Throws<MpcDecodeException>(() => NodeIdentityPublic.Decode(good.AsSpan(1)));
        Assert.Throws<MpcDecodeException>(() => NodeIdentityPublic.Decode([.. good, 0]));

        var badAgreementKeys = new[]
        {
            new string('0', 64), // u = 0
            "01" + new string('0', 62), // u = 1, order 4
            "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800", // order 8
            "ed" + string.Concat(Enumerable.Repeat("ff", 30)) + "7f", // u = p, non-canonical zero
        };
        foreach (var hex in badAgreementKeys)
        {
            Assert.False(NodeIdentityPublic.TryDecode([.. good.AsSpan(0, 32), .. Convert.FromHexString(hex)], out _), hex);
        }

        var topBitSet = (byte[])good.Clone();
        topBitSet[63] |= 0x80;
        Assert.False(NodeIdentityPublic.TryDecode(topBitSet, out _));

        var badSigningKeys = new[]
        {
            "01" + new string('0', 62), // identity
            "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a", // order 8
            "ed" + string.Concat(Enumerable.Repeat("ff", 30)) + "7f", // y = p, non-canonical
            "01" + new string('0', 60) + "80", // identity with the sign bit set (negative zero)
        };
        foreach (var hex in badSigningKeys)
        {
            Assert.False(NodeIdentityPublic.TryDecode([.. Convert.FromHexString(hex), .. good.AsSpan(32)], out _), hex);
        }
    }

    private static NodeIdentity Import(string edSeed, string x25519) =>
        NodeIdentity.ImportPrivate([1, .. Convert.FromHexString(edSeed), .. Convert.FromHexString(x25519)]);

    private static byte[] U32(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)value);
        return bytes;
    }
}
