using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MpcWallet.Infrastructure.Modules;

/// <summary>
/// Runs every options validation registered with <c>ValidateOnStart</c> at once, as the first thing a built host does:
/// constructing the hosted services (which the generic host does before its own start-up validation) reads their
/// options, and would report the first module's problems only. A failure becomes one line naming every problem once.
/// </summary>
public static class StartupValidation
{
    public static void Run(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
        }
        catch (Exception e) when (Failures(e) is { Count: > 0 } failures)
        {
            throw new InvalidOperationException($"the configuration needs {failures.Count} change(s): {string.Join("; ", failures)}", e);
        }
    }

    private static List<string> Failures(Exception error) => error switch
    {
        OptionsValidationException one => [.. one.Failures.Distinct(StringComparer.Ordinal)],
        AggregateException many when many.InnerExceptions.All(e => e is OptionsValidationException) =>
            [.. many.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures).Distinct(StringComparer.Ordinal)],
        _ => [],
    };
}
