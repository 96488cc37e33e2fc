namespace MpcWallet.Transactions.Configuration;

/// <summary>The <c>Chains</c> list (a top-level section): the EVM chains this service sends on.</summary>
internal sealed class ChainsOptions
{
    public List<ChainOptions> Chains { get; set; } = [];
}
