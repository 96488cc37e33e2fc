using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MpcWallet.Infrastructure.Hosting;

namespace MpcWallet.Infrastructure.Trust;

public static class TrustServiceCollectionExtensions
{
    /// <summary>
    /// The process's <see cref="ClusterTrust"/>, settled when it is first resolved and checked at start
    /// (<c>ValidateOnStart</c>): a configured manifest is always verified; without one, a process running coordinator
    /// and nodes together (<paramref name="singleHost"/>) gets development trust, a process that needs a manifest
    /// (<paramref name="required"/>) refuses to start, and any other one runs without.
    /// </summary>
    public static IServiceCollection AddClusterTrust(this IServiceCollection services, IConfiguration configuration, bool singleHost, bool required)
    {
        services.AddOptions<TrustOptions>().BindConfiguration(TrustOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TrustOptions>, TrustValidation>();
        services.AddSingleton(_ =>
        {
            // Bound here directly, not through IOptions: the options' validation asks for this very object.
            var options = configuration.GetSection(TrustOptions.Section).Get<TrustOptions>() ?? new TrustOptions();
            return singleHost && !options.IsConfigured
                ? ClusterTrust.Development(DataDirectory.From(configuration))
                : ClusterTrust.Load(options, required);
        });
        return services;
    }

    private sealed class TrustValidation(ClusterTrust trust) : IValidateOptions<TrustOptions>
    {
        public ValidateOptionsResult Validate(string? name, TrustOptions options) =>
            trust.Failure is { } failure ? ValidateOptionsResult.Fail(failure) : ValidateOptionsResult.Success;
    }
}
