using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Derivation;
using MpcWallet.Mpc.Tests.Support;

namespace MpcWallet.Mpc.Tests.Derivation;

public sealed class ExtendedPublicKeyTests
{
    public static TheoryData<string> CaseNames() => KeyDerivationTests.CaseNames();

    public static TheoryData<string> InvalidReasons()
    {
        var data = new TheoryData<string>();
        foreach (var (reason, _) in Bip32Vectors.InvalidExtendedKeys())
        {
            data.Add(reason);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void The_child_xpub_derived_from_the_parent_xpub_is_the_published_one(string name)
    {
        var (_, parentText, path, childText) = Bip32Vectors.PublicCases().Single(c => c.Name == name);
        var parent = ExtendedPublicKey.Parse(parentText);
        Assert.Equal(parentText, parent.Encode());

        var child = parent.Derive(path);

        // Depth, parent fingerprint, child number, chain code and key all have to match for the text to match.
        Assert.Equal(childText, child.Encode());
        var independent = ExtendedKey.Parse(childText);
        Assert.Equal(independent.PublicKey, child.PublicKey);
        Assert.Equal(independent.ChainCode, child.ChainCode);
        Assert.Equal(parent.Depth + path.Length, child.Depth);
        Assert.Equal(path[^1], child.ChildNumber);
    }

    [Fact]
    public void A_root_from_a_public_key_and_chain_code_serialises_as_the_published_master_xpub()
    {
        var master = ExtendedKey.Parse(Bip32Vectors.PrivateKey("vector2_m"));
        var root = ExtendedPublicKey.Root(master.PublicKey, master.ChainCode);
        Assert.Equal("xpub661MyMwAqRbcFW31YEwpkMuc5THy2PSt5bDMsktWQcFF8syAmRUapSCGu8ED9W6oDMSgv6Zz8idoc4a6mr8BDzTJY47LJhkJ8UB7WEGuduB", root.Encode());
        Assert.Equal(0, root.Depth);
        Assert.Equal(0u, root.ParentFingerprint);
        Assert.Equal(0u, root.ChildNumber);
        Assert.Equal("xpub69H7F5d8KSRgmmdJg2KhpAK8SR3DjMwAdkxj3ZuxV27CprR9LgpeyGmXUbC6wb7ERfvrnKZjXoUmmDznezpbZb7ap6r1D3tgFxHmwMkQTPH", root.Derive([0]).Encode());
    }

    [Theory]
    [InlineData("xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8", 0x3442193eu)]
    [InlineData("xpub661MyMwAqRbcEZVB4dScxMAdx6d4nFc9nvyvH3v4gJL378CSRZiYmhRoP7mBy6gSPSCYk6SzXPTf3ND1cZAceL7SfJ1Z3GC8vBgp2epUt13", null)]
    public void Master_xpubs_round_trip_with_their_fingerprint(string text, uint? fingerprint)
    {
        var key = ExtendedPublicKey.Parse(text);
        Assert.Equal(text, key.Encode());
        Assert.Equal(text, ExtendedPublicKey.Root(key.PublicKey, key.ChainCode).Encode());
        if (fingerprint is { } expected)
        {
            Assert.Equal(expected, key.Fingerprint);
        }
    }

    [Theory]
    [MemberData(nameof(InvalidReasons))]
    public void Every_invalid_key_of_BIP32_test_vector_5_is_refused(string reason)
    {
        var key = Bip32Vectors.InvalidExtendedKeys().Single(c => c.Reason == reason).Key;
        Assert.ThrowsAny<FormatException>(() => ExtendedPublicKey.Parse(key));
    }

    [Fact]
    public void A_wallet_xpub_derives_exactly_the_keys_signing_uses()
    {
        var random = new SeededRandomSource(90);
        var publicKey = Point.MultiplyGenerator(Scalar.Random(random));
        var chainCode = new byte[32];
        random.Fill(chainCode);
        var root = ExtendedPublicKey.Root(publicKey, chainCode);
        foreach (var path in new[] { DerivationPath.Parse("m/0/7"), DerivationPath.Parse("m/44/60/0/0/3"), DerivationPath.Parse("m") })
        {
            var derived = KeyDerivation.DeriveChild(publicKey, chainCode, path);
            var extended = root.Derive(path);
            Assert.Equal(derived.PublicKey, extended.PublicKey);
            Assert.Equal(derived.ChainCode, extended.ChainCode);
            Assert.Equal(extended.Encode(), ExtendedPublicKey.Parse(extended.Encode()).Encode());
        }

        var child = root.Derive([0, 7]);
        Assert.Equal(root.Derive([0]).Fingerprint, child.ParentFingerprint);
        Assert.Equal(2, child.Depth);
        Assert.Equal(7u, child.ChildNumber);
        Assert.Equal(child.Encode(), root.Derive([0]).Derive([7]).Encode());
    }

    [Fact]
    public void Hardened_steps_depth_overflow_and_bad_roots_are_refused()
    {
        var random = new SeededRandomSource(91);
        var root = ExtendedPublicKey.Root(Point.MultiplyGenerator(Scalar.Random(random)), new byte[32]);
        Assert.Throws<ArgumentException>(() => root.Derive([0, KeyDerivation.HardenedOffset]));
        Assert.Throws<ArgumentException>(() => root.Derive(new uint[256]));
        Assert.Throws<ArgumentException>(() => ExtendedPublicKey.Root(Point.Identity, new byte[32]));
        Assert.Throws<ArgumentException>(() => ExtendedPublicKey.Root(Point.Generator, new byte[31]));
    }
}
