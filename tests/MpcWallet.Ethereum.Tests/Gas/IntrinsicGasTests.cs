using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Gas;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Transactions;

namespace MpcWallet.Ethereum.Tests.Gas;

public sealed class IntrinsicGasTests
{
    private static readonly EthereumAddress To = EthereumAddress.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");

    [Fact]
    public void The_findings_case_needs_21064_intrinsic_and_21160_under_the_calldata_floor()
    {
        // {"gasLimit":"21000","data":"0xdeadbeef"}: four non-zero bytes = 64 gas of calldata (EIP-2028), and 16 tokens
        // = 160 gas of floor (EIP-7623) since Prague; Anvil 1.7.1 (hard fork Bpo1) mines it only from 21160 on.
        var before = IntrinsicGas.Of(HexBytes.Parse("0xdeadbeef"), false, null, GasRules.Shanghai);
        Assert.Equal(21_064UL, before.MinimumGasLimit);
        Assert.NotNull(before.ProblemWith(21_000, 4, false, GasRules.Shanghai));
        Assert.Null(before.ProblemWith(21_064, 4, false, GasRules.Shanghai));

        var now = IntrinsicGas.Of(HexBytes.Parse("0xdeadbeef"), false, null, GasRules.Latest);
        Assert.Equal(21_064UL, now.Intrinsic);
        Assert.Equal(21_160UL, now.CalldataFloor);
        Assert.Equal(21_160UL, now.MinimumGasLimit);
        Assert.Contains("EIP-7623", now.ProblemWith(21_064, 4, false, GasRules.Latest), StringComparison.Ordinal);
        Assert.Null(now.ProblemWith(21_160, 4, false, GasRules.Latest));
    }

    [Theory]
    [InlineData("0x", false, 21_000, 21_000)]
    [InlineData("0x00", false, 21_004, 21_010)]
    [InlineData("0x0001", false, 21_020, 21_050)]
    [InlineData("0x00000000", false, 21_016, 21_040)]
    [InlineData("0x", true, 53_000, 21_000)]
    [InlineData("0x00", true, 53_006, 21_010)]          // + 2 per initcode word (EIP-3860)
    public void Calldata_and_creation_are_charged_per_byte_and_word(string data, bool create, ulong intrinsic, ulong floor)
    {
        var gas = IntrinsicGas.Of(HexBytes.Parse(data), create, null, GasRules.Latest);
        Assert.Equal(intrinsic, gas.Intrinsic);
        Assert.Equal(floor, gas.CalldataFloor);
    }

    [Fact]
    public void Initcode_words_are_charged_only_from_shanghai_and_the_floor_only_from_prague()
    {
        var initcode = new byte[33]; // two words
        initcode[0] = 0x60;
        Assert.Equal(21_000UL + 32_000 + 16 + (32 * 4), IntrinsicGas.Of(initcode, true, null, GasRules.London).Intrinsic);
        Assert.Equal(21_000UL + 32_000 + 16 + (32 * 4) + 4, IntrinsicGas.Of(initcode, true, null, GasRules.Shanghai).Intrinsic);
        Assert.Equal(0UL, IntrinsicGas.Of(initcode, true, null, GasRules.Shanghai).CalldataFloor);
        Assert.Equal(21_000UL + (10 * (32 + 4)), IntrinsicGas.Of(initcode, true, null, GasRules.Prague).CalldataFloor);
    }

    [Fact]
    public void Access_lists_cost_2400_per_address_and_1900_per_key()
    {
        var key = new byte[32];
        var list = new[] { new AccessListEntry(To, [key, key]), new AccessListEntry(EthereumAddress.Zero, []) };
        var transaction = new Eip1559Transaction(31337, 0, 1, 2, 100_000, To, UInt256.Zero, HexBytes.Parse("0xdeadbeef"), list);
        Assert.Equal(21_064UL + (2 * 2_400) + (2 * 1_900), IntrinsicGas.Of(transaction, GasRules.Latest).Intrinsic);
        var legacy = new LegacyTransaction(1, 0, 1, 21_000, To, UInt256.Zero, []);
        Assert.Equal(21_000UL, IntrinsicGas.Of(legacy, GasRules.Latest).MinimumGasLimit);
    }

    [Fact]
    public void Osaka_caps_the_gas_limit_and_shanghai_caps_initcode()
    {
        var gas = IntrinsicGas.Of([], false, null, GasRules.Osaka);
        Assert.Null(gas.ProblemWith(1UL << 24, 0, false, GasRules.Osaka));
        Assert.Contains("EIP-7825", gas.ProblemWith((1UL << 24) + 1, 0, false, GasRules.Osaka), StringComparison.Ordinal);
        Assert.Null(gas.ProblemWith((1UL << 24) + 1, 0, false, GasRules.Prague));

        var initcode = new byte[49_153];
        var creation = IntrinsicGas.Of(initcode, true, null, GasRules.Shanghai);
        Assert.Contains("EIP-3860", creation.ProblemWith(10_000_000, initcode.Length, true, GasRules.Shanghai), StringComparison.Ordinal);
        Assert.Null(creation.ProblemWith(10_000_000, initcode.Length, true, GasRules.London));
    }
}
