using MpcWallet.Ethereum.Quantities;
using MpcWallet.Transactions.Configuration;
using MpcWallet.Transactions.Fees;

namespace MpcWallet.Transactions.Tests.Units;

public sealed class FeeBumpTests
{
    private static readonly FeePolicy Policy = FeePolicy.From(31337, new FeePolicyOptions { MaxFeePerGasCap = "1000000000000" });

    [Theory]
    [InlineData(0UL)]
    [InlineData(1UL)]
    [InlineData(7UL)]
    [InlineData(8UL)]
    [InlineData(1_000_000_000UL)]
    [InlineData(999_999_999_999UL)]
    public void A_bump_is_strictly_above_12_5_percent_and_passes_geths_10_percent_rule(ulong previous)
    {
        var bumped = FeeBump.Bumped(previous, 125).ToBigInteger();
        Assert.True(bumped * 1000 > (System.Numerics.BigInteger)previous * 1125);
        // geth legacypool: new ≥ old × (100 + 10) / 100 (integer division) and strictly greater.
        Assert.True(bumped >= (System.Numerics.BigInteger)previous * 110 / 100 && bumped > previous);
    }

    [Fact]
    public void Both_fields_take_the_higher_of_market_and_minimum_bump()
    {
        var market = new FeeQuote(50_000_000_000UL, 1_000UL, "market");
        var next = FeeBump.Next(Policy, 10_000_000_000UL, 2_000_000_000UL, market)!;
        Assert.Equal((UInt256)50_000_000_000UL, next.MaxFeePerGas); // market is higher
        Assert.Equal((UInt256)2_250_000_001UL, next.MaxPriorityFeePerGas); // 2 gwei × 1.125 + 1
    }

    [Fact]
    public void No_replacement_when_the_cap_leaves_no_valid_bump()
    {
        var market = new FeeQuote(1UL, 1UL, "market");
        Assert.Null(FeeBump.Next(Policy, 900_000_000_000UL, 1UL, market));
        Assert.NotNull(FeeBump.Next(Policy, 800_000_000_000UL, 1UL, market));
    }

    [Fact]
    public void Market_fees_are_base_fee_times_multiplier_plus_tip_within_the_cap()
    {
        var quote = FeeEstimator.Compose(Policy, 1_000_000_000UL, 0UL, "test");
        Assert.Equal((UInt256)1_000_000UL, quote.MaxPriorityFeePerGas); // the policy minimum
        Assert.Equal((UInt256)2_001_000_000UL, quote.MaxFeePerGas);
        var capped = FeeEstimator.Compose(Policy, 900_000_000_000UL, 5UL, "test");
        Assert.Equal(Policy.MaxFeePerGasCap, capped.MaxFeePerGas);
    }

    [Theory]
    [InlineData("0", "1")]
    [InlineData("100", "1000")]
    [InlineData("x", "1")]
    public void A_bad_fee_policy_stops_the_host(string cap, string minTip) =>
        Assert.Throws<InvalidOperationException>(() => FeePolicy.From(1, new FeePolicyOptions { MaxFeePerGasCap = cap, MinPriorityFeePerGas = minTip }));

    [Fact]
    public void A_bump_below_12_5_percent_is_refused_as_configuration() =>
        Assert.Throws<InvalidOperationException>(() => FeePolicy.From(1, new FeePolicyOptions { ReplacementBumpPerMille = 100 }));

    [Theory]
    [InlineData(0UL, 1UL)] // strictly above, even at zero
    [InlineData(1UL, 2UL)]
    [InlineData(9UL, 10UL)] // 9 × 110 / 100 = 9 (integer division): + 1 wei decides
    [InlineData(10UL, 11UL)]
    [InlineData(2_000_000_001UL, 2_200_000_001UL)] // 220000000110 / 100
    [InlineData(1_000_000_000UL, 1_100_000_000UL)]
    public void A_replacement_needs_geths_integer_ten_percent_and_more_than_the_old_fee(ulong previous, ulong minimum)
    {
        Assert.Equal((UInt256)minimum, ReplacementRule.Minimum(previous));
        Assert.True(ReplacementRule.Replaces(previous, previous, minimum, minimum));
        Assert.False(ReplacementRule.Replaces(previous, previous, minimum - 1, minimum));
        Assert.False(ReplacementRule.Replaces(previous, previous, minimum, minimum - 1));
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(9UL)]
    [InlineData(123_456_789_012UL)]
    public void The_services_own_bump_always_passes_the_replacement_rule(ulong previous) =>
        Assert.True(ReplacementRule.Replaces(previous, previous, FeeBump.Bumped(previous, 125), FeeBump.Bumped(previous, 125)));
}
