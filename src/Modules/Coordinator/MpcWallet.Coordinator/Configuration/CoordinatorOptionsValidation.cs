using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace MpcWallet.Coordinator.Configuration;

/// <summary>
/// <c>Coordinator</c>, checked when the process starts: an instance id usable in queue names, positive deadlines and
/// intervals, at least one attempt and one concurrent run.
/// </summary>
internal sealed partial class CoordinatorOptionsValidation : IValidateOptions<CoordinatorOptions>
{
    public ValidateOptionsResult Validate(string? name, CoordinatorOptions options)
    {
        var failures = new List<string>();
        if (!ValidId().IsMatch(options.InstanceId))
        {
            // It becomes part of queue names: characters every broker accepts.
            failures.Add("Coordinator:InstanceId must be 1-64 characters of a-z, A-Z, 0-9, '.', '_' or '-'");
        }

        var spans = new[]
        {
            (nameof(options.OfflineAfter), options.OfflineAfter), (nameof(options.SessionTimeout), options.SessionTimeout),
            (nameof(options.KeyGenerationSessionTimeout), options.KeyGenerationSessionTimeout), (nameof(options.ControlCallTimeout), options.ControlCallTimeout),
            (nameof(options.QuorumWait), options.QuorumWait), (nameof(options.SignatureDeadline), options.SignatureDeadline),
            (nameof(options.KeyGenerationDeadline), options.KeyGenerationDeadline), (nameof(options.LeaseDuration), options.LeaseDuration),
            (nameof(options.SweepInterval), options.SweepInterval), (nameof(options.SessionPollInterval), options.SessionPollInterval),
            (nameof(options.CommandLifetime), options.CommandLifetime), (nameof(options.RefreshDeadline), options.RefreshDeadline),
            (nameof(options.NodeMessageMaxAge), options.NodeMessageMaxAge), (nameof(options.NodeMessageMaxFuture), options.NodeMessageMaxFuture),
        };
        failures.AddRange(spans.Where(s => s.Item2 <= TimeSpan.Zero).Select(s => $"{CoordinatorOptions.Section}:{s.Item1} must be positive"));
        if (options.CommandLifetime > TimeSpan.FromMinutes(10))
        {
            failures.Add("Coordinator:CommandLifetime must be at most 10 minutes (nodes refuse longer-lived commands)");
        }

        if (options.MaxAttempts < 1 || options.MaxConcurrentRuns < 1)
        {
            failures.Add("Coordinator:MaxAttempts and Coordinator:MaxConcurrentRuns must be at least 1");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex ValidId();
}
