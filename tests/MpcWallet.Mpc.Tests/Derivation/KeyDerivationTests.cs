using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Derivation;

namespace MpcWallet.Mpc.Tests.Derivation;

public sealed class KeyDerivationTests
{
    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in Bip32Vectors.PublicCases())
        {
            data.Add(c.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Public_derivation_matches_the_BIP32_test_vectors(string name)
    {
        var (_, parentText, path, childText) = Bip32Vectors.PublicCases().Single(c => c.Name == name);
        var parent = ExtendedKey.Parse(parentText);
        var child = ExtendedKey.Parse(childText);

        var derived = KeyDerivation.DeriveChild(parent.PublicKey, parent.ChainCode, path);

        Assert.Equal(child.PublicKey, derived.PublicKey);
        Assert.Equal(child.ChainCode, derived.ChainCode);
        Assert.Equal(parent.PublicKey + Point.MultiplyGenerator(derived.Tweak), derived.PublicKey);
    }

    [Fact]
    public void The_tweak_added_to_the_parent_private_key_gives_the_child_private_key()
    {
        var parent = ExtendedKey.Parse(Bip32Vectors.PrivateKey("vector1_m_0H_1_2H"));
        var child = ExtendedKey.Parse("xprvA41z7zogVVwxVSgdKUHDy1SKmdb533PjDz7J6N6mV6uS3ze1ai8FHa8kmHScGpWmj4WggLyQjgPie1rFSruoUihUZREPSL39UNdE3BBDu76");

        var derived = KeyDerivation.DeriveChild(parent.PublicKey, parent.ChainCode, [2, 1_000_000_000]);

        Assert.Equal(child.PrivateKey, parent.PrivateKey!.Value + derived.Tweak);
    }

    [Fact]
    public void Stepwise_derivation_equals_derivation_of_the_whole_path()
    {
        var parent = ExtendedKey.Parse(Bip32Vectors.PrivateKey("vector2_m"));
        var first = KeyDerivation.DeriveChild(parent.PublicKey, parent.ChainCode, [7, 11]);
        var second = KeyDerivation.DeriveChild(first.PublicKey, first.ChainCode, [13]);
        var whole = KeyDerivation.DeriveChild(parent.PublicKey, parent.ChainCode, [7, 11, 13]);

        Assert.Equal(whole.PublicKey, second.PublicKey);
        Assert.Equal(whole.ChainCode, second.ChainCode);
        Assert.Equal(whole.Tweak, first.Tweak + second.Tweak);
    }

    [Fact]
    public void The_empty_path_is_the_parent_itself()
    {
        var parent = ExtendedKey.Parse(Bip32Vectors.PrivateKey("vector2_m"));
        var derived = KeyDerivation.DeriveChild(parent.PublicKey, parent.ChainCode, []);

        Assert.True(derived.Tweak.IsZero);
        Assert.Equal(parent.PublicKey, derived.PublicKey);
        Assert.Equal(parent.ChainCode, derived.ChainCode);
    }

    [Theory]
    [InlineData(0x8000_0000u)]
    [InlineData(0xFFFF_FFFFu)]
    public void Hardened_indices_are_rejected(uint index)
    {
        var parent = ExtendedKey.Parse(Bip32Vectors.PrivateKey("vector2_m"));
        Assert.Throws<ArgumentException>(() => KeyDerivation.DeriveChild(parent.PublicKey, parent.ChainCode, [0, index]));
    }

    [Fact]
    public void Malformed_inputs_are_rejected()
    {
        var parent = ExtendedKey.Parse(Bip32Vectors.PrivateKey("vector2_m"));
        Assert.Throws<ArgumentException>(() => KeyDerivation.DeriveChild(parent.PublicKey, new byte[31], [0]));
        Assert.Throws<ArgumentException>(() => KeyDerivation.DeriveChild(Point.Identity, parent.ChainCode, [0]));
        Assert.Throws<ArgumentException>(() => KeyDerivation.DeriveChild(parent.PublicKey, parent.ChainCode, new uint[256]));
    }

    [Fact]
    public void Derivation_does_not_alias_the_callers_chain_code()
    {
        var parent = ExtendedKey.Parse(Bip32Vectors.PrivateKey("vector2_m"));
        var code = (byte[])parent.ChainCode.Clone();
        var derived = KeyDerivation.DeriveChild(parent.PublicKey, code, []);
        derived.ChainCode[0] ^= 1;
        Assert.Equal(parent.ChainCode, code);
    }
}
