using Microsoft.Extensions.Options;

namespace MpcWallet.Transactions.Configuration;

/// <summary><c>Transactions</c>, checked when the process starts: every timer positive, the rebroadcast back-off bounded above its start.</summary>
internal sealed class TransactionsOptionsValidation : IValidateOptions<TransactionsOptions>
{
    public ValidateOptionsResult Validate(string? name, TransactionsOptions options)
    {
        var failures = new List<string>();
        foreach (var (key, value) in new[]
                 {
                     (nameof(options.RebroadcastInterval), options.RebroadcastInterval), (nameof(options.MaxRebroadcastInterval), options.MaxRebroadcastInterval),
                     (nameof(options.SignatureResendAfter), options.SignatureResendAfter), (nameof(options.SigningTimeout), options.SigningTimeout),
                     (nameof(options.OutboxSweepInterval), options.OutboxSweepInterval),
                 })
        {
            if (value <= TimeSpan.Zero)
            {
                failures.Add($"{TransactionsOptions.Section}:{key} must be positive");
            }
        }

        if (options.RpcWait <= TimeSpan.Zero || options.RpcWait > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{TransactionsOptions.Section}:RpcWait must be positive and at most 5 minutes");
        }

        if (options.MaxRebroadcastInterval < options.RebroadcastInterval)
        {
            failures.Add($"{TransactionsOptions.Section}:MaxRebroadcastInterval must not be below RebroadcastInterval");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
