using Microsoft.Extensions.Options;
using MpcWallet.Transactions.Configuration;
using MpcWallet.Transactions.Fees;

namespace MpcWallet.Transactions.Chains;

/// <summary>
/// <c>Chains</c>, checked when the process starts: ids in range and unique, an http(s) RPC URL (named by its chain,
/// never echoed: URLs often carry API keys), sane confirmation, polling and expiry settings, a valid fee policy.
/// </summary>
internal sealed class ChainsOptionsValidation : IValidateOptions<ChainsOptions>
{
    public ValidateOptionsResult Validate(string? name, ChainsOptions options)
    {
        var failures = new List<string>();
        var seen = new HashSet<ulong>();
        foreach (var chain in options.Chains)
        {
            if (chain.ChainId is < 1 or > Ethereum.Transactions.Transaction.MaxChainId)
            {
                failures.Add($"Chains: chain id {chain.ChainId} is out of range");
            }
            else if (!seen.Add(chain.ChainId))
            {
                failures.Add($"Chains: chain id {chain.ChainId} is configured twice");
            }

            if (!Uri.TryCreate(chain.RpcUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add($"Chains: chain {chain.ChainId} needs an http(s) RpcUrl");
            }

            if (chain.Confirmations < 1 || chain.PollInterval <= TimeSpan.Zero || chain.StuckAfter <= TimeSpan.Zero || chain.CancelAfter <= TimeSpan.Zero || chain.FinalityDepth < chain.Confirmations)
            {
                failures.Add($"Chains: chain {chain.ChainId} needs Confirmations ≥ 1, positive PollInterval, StuckAfter and CancelAfter, FinalityDepth ≥ Confirmations");
            }

            failures.AddRange(FeePolicy.Errors(chain.ChainId, chain.FeePolicy));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
