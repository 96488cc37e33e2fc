using MpcWallet.Ethereum.Quantities;

namespace MpcWallet.Transactions.Fees;

/// <summary>
/// Fees of a replacement: both fields at least previous × (1000 + bump)/1000 + 1 wei (strictly above geth's 10 %
/// rule and Anvil's), or the market if higher; never above the cap. Null when the cap leaves no valid bump.
/// </summary>
internal static class FeeBump
{
    public static FeeQuote? Next(FeePolicy policy, UInt256 previousMaxFee, UInt256 previousTip, FeeQuote market)
    {
        var minTip = Bumped(previousTip, policy.ReplacementBumpPerMille);
        var minMaxFee = Bumped(previousMaxFee, policy.ReplacementBumpPerMille);
        var tip = market.MaxPriorityFeePerGas > minTip ? market.MaxPriorityFeePerGas : minTip;
        var maxFee = market.MaxFeePerGas > minMaxFee ? market.MaxFeePerGas : minMaxFee;
        if (maxFee < tip)
        {
            maxFee = tip;
        }

        if (maxFee > policy.MaxFeePerGasCap || tip > policy.MaxFeePerGasCap)
        {
            return null;
        }

        return new FeeQuote(maxFee, tip, $"replacement: previous maxFee {previousMaxFee} / tip {previousTip} bumped ≥ {policy.ReplacementBumpPerMille / 10.0:0.#}% (market {market.Basis})");
    }

    public static UInt256 Bumped(UInt256 value, int perMille) => (value * (ulong)(1000 + perMille) / 1000) + 1;
}
