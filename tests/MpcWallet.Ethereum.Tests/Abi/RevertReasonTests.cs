using MpcWallet.Ethereum.Abi;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Tests.TestSupport;

namespace MpcWallet.Ethereum.Tests.Abi;

public sealed class RevertReasonTests
{
    [Fact]
    public void Error_string_from_cast_decodes_to_its_message()
    {
        var data = CastOutput("Error(string)");
        var reason = RevertReason.Decode(data);
        Assert.Equal(RevertKind.Error, reason.Kind);
        Assert.Equal("ERC20: transfer amount exceeds balance", reason.Message);
        Assert.Equal("ERC20: transfer amount exceeds balance", reason.Description);
    }

    [Fact]
    public void Panic_from_cast_decodes_to_its_code_and_meaning()
    {
        var reason = RevertReason.Decode(CastOutput("Panic(uint256)"));
        Assert.Equal(RevertKind.Panic, reason.Kind);
        Assert.Equal(0x11, (int)reason.PanicCode!.Value);
        Assert.Equal("panic 0x11: arithmetic overflow or underflow outside an unchecked block", reason.Description);
    }

    [Theory]
    [InlineData(0x00, "generic compiler-inserted panic")]
    [InlineData(0x01, "assertion failed (assert with a false condition)")]
    [InlineData(0x12, "division or modulo by zero")]
    [InlineData(0x21, "conversion of a too large or negative value to an enum")]
    [InlineData(0x22, "access to an incorrectly encoded storage byte array")]
    [InlineData(0x31, "pop() on an empty array")]
    [InlineData(0x32, "array index out of bounds")]
    [InlineData(0x41, "too much memory allocated or an array too large")]
    [InlineData(0x51, "call to a zero-initialized variable of internal function type")]
    [InlineData(0x99, null)]
    public void Every_documented_panic_code_has_its_meaning(int code, string? meaning)
    {
        var reason = RevertReason.Decode(AbiError.Panic.Encode(code));
        Assert.Equal(meaning, reason.PanicDescription);
    }

    [Fact]
    public void A_custom_error_decodes_only_with_an_abi_that_declares_it()
    {
        var data = CastOutput("InsufficientBalance(address,uint256,uint256)");
        var error = AbiError.Parse("error InsufficientBalance(address account, uint256 balance, uint256 needed)");

        var unknown = RevertReason.Decode(data);
        Assert.Equal(RevertKind.Unrecognized, unknown.Kind);
        Assert.Contains(error.SelectorHex, unknown.Description, StringComparison.Ordinal);

        var known = RevertReason.Decode(data, [error]);
        Assert.Equal(RevertKind.CustomError, known.Kind);
        Assert.Same(error, known.Error);
        Assert.Equal("InsufficientBalance(account: \"0x70997970C51812dc3A010C7d01b50e0d17dc79C8\", balance: \"5\", needed: \"10\")", known.Description);
    }

    [Fact]
    public void Empty_and_malformed_data_never_throw()
    {
        Assert.Equal(RevertKind.Empty, RevertReason.Decode([]).Kind);
        Assert.Equal(RevertKind.Unrecognized, RevertReason.Decode([0x08, 0xc3]).Kind);

        // Error(string) selector with the string's length running past the data.
        var truncated = CastOutput("Error(string)")[..^32];
        Assert.Equal(RevertKind.Unrecognized, RevertReason.Decode(truncated).Kind);

        // Panic with a dirty word (2^256 - 1 is a uint256, so it decodes; a trailing byte does not).
        Assert.Equal(RevertKind.Unrecognized, RevertReason.Decode([.. AbiError.Panic.Encode(1), 0]).Kind);
    }

    private static byte[] CastOutput(string signature)
    {
        using var document = TestVectors.Load("cast/abi-vectors.json");
        var vector = document.RootElement.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("signature").GetString() == signature);
        return HexBytes.Parse(vector.GetProperty("output").GetString()!);
    }
}
