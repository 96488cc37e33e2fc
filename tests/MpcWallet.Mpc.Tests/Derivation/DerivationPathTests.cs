using MpcWallet.Mpc.Derivation;

namespace MpcWallet.Mpc.Tests.Derivation;

public sealed class DerivationPathTests
{
    [Theory]
    [InlineData("m", new uint[0])]
    [InlineData("m/0", new uint[] { 0 })]
    [InlineData("m/0/7", new uint[] { 0, 7 })]
    [InlineData("m/44/60/0/0/19", new uint[] { 44, 60, 0, 0, 19 })]
    [InlineData("m/2147483647", new uint[] { 2147483647 })]
    public void Canonical_non_hardened_paths_parse_and_format_back(string text, uint[] expected)
    {
        Assert.Equal(expected, DerivationPath.Parse(text));
        Assert.Equal(text, DerivationPath.Format(expected));
        Assert.True(DerivationPath.TryParse(text, out var indices, out var error));
        Assert.Equal(expected, indices);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("m/0'")]
    [InlineData("m/0h")]
    [InlineData("m/0H")]
    [InlineData("m/44'/60'/0'/0/0")]
    [InlineData("m/0/7'")]
    [InlineData("m/2147483648")]
    [InlineData("m/4294967295")]
    public void Hardened_steps_are_refused_saying_so(string text)
    {
        var error = Assert.Throws<InvalidDerivationPathException>(() => DerivationPath.Parse(text));
        Assert.Contains("hardened", error.Message, StringComparison.Ordinal);
        Assert.False(DerivationPath.TryParse(text, out _, out var message));
        Assert.Equal(error.Message, message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("M/0")]
    [InlineData("0/7")]
    [InlineData("/0/7")]
    [InlineData("m/")]
    [InlineData("m//1")]
    [InlineData("m/1/")]
    [InlineData("m/01")]
    [InlineData("m/+1")]
    [InlineData("m/-1")]
    [InlineData(" m/1")]
    [InlineData("m/1 ")]
    [InlineData("m/0x10")]
    [InlineData("m/1.5")]
    [InlineData("m/\u0661")]
    [InlineData("m/99999999999")]
    [InlineData("m\\0")]
    public void Malformed_paths_are_refused(string text)
    {
        Assert.Throws<InvalidDerivationPathException>(() => DerivationPath.Parse(text));
    }

    [Fact]
    public void Paths_deeper_than_BIP32_allows_are_refused()
    {
        var deepest = "m" + string.Concat(Enumerable.Repeat("/1", KeyDerivation.MaxDepth));
        Assert.Equal(KeyDerivation.MaxDepth, DerivationPath.Parse(deepest).Length);
        Assert.Throws<InvalidDerivationPathException>(() => DerivationPath.Parse(deepest + "/1"));
    }

    [Fact]
    public void Error_messages_do_not_echo_unbounded_input()
    {
        var error = Assert.Throws<InvalidDerivationPathException>(() => DerivationPath.Parse("x" + new string('9', 10_000)));
        Assert.True(error.Message.Length < 200);
    }
}
