using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MpcWallet.Infrastructure.Messaging;
using MpcWallet.Infrastructure.Modules;

namespace MpcWallet.Infrastructure.Security;

public static class TransportSecurityServiceCollectionExtensions
{
    /// <summary>
    /// The process's <see cref="TransportSecurity"/>, checked at start with the other options (<c>ValidateOnStart</c>):
    /// a split-deployment process (<paramref name="splitMode"/>) with a cleartext link does not start, naming each
    /// link, unless <c>Security:AllowCleartext=true</c>; a configured CA file that cannot be read never starts.
    /// </summary>
    public static IServiceCollection AddTransportSecurity(this IServiceCollection services, ModuleContext process, bool splitMode)
    {
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateOnStart();
        services.AddSingleton(sp => TransportSecurity.Of(process, splitMode, sp.GetRequiredService<IOptions<SecurityOptions>>().Value));
        services.AddSingleton<IValidateOptions<SecurityOptions>>(new Gate(process, splitMode));
        return services;
    }

    private sealed class Gate(ModuleContext process, bool splitMode) : IValidateOptions<SecurityOptions>
    {
        public ValidateOptionsResult Validate(string? name, SecurityOptions options)
        {
            var failures = new List<string>();
            if (TransportSecurity.Of(process, splitMode, options).Failure is { } refused)
            {
                failures.Add(refused);
            }

            var broker = process.Configuration.GetSection(BrokerOptions.Section).Get<BrokerOptions>() ?? new BrokerOptions();
            if (broker.Transport == BrokerTransport.RabbitMQ && broker.RabbitMQ.UseTls && broker.RabbitMQ.CaCertificateFile is { Length: > 0 } ca && !File.Exists(ca))
            {
                failures.Add($"Broker:RabbitMQ:CaCertificateFile '{ca}' does not exist");
            }

            return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
        }
    }
}
