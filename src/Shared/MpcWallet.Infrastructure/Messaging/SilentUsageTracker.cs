using MassTransit;
using MassTransit.UsageTracking;

namespace MpcWallet.Infrastructure.Messaging;

/// <summary>
/// Takes the place of MassTransit's usage tracker, which (on by default in 8.5) reports the host, its bus and
/// endpoints to the vendor over the internet a few minutes after start. A custody service makes no connection it
/// was not configured to make. Besides <c>DisableUsageTelemetry()</c>, this tracker is registered instead of the
/// vendor's, because the vendor's reads <c>MASSTRANSIT_USAGE_TELEMETRY</c> from the environment and lets it
/// override the options.
/// </summary>
internal sealed class SilentUsageTracker : IUsageTracker
{
    public void PreConfigureBus<T>(T configurator, IBusRegistrationContext context)
        where T : IBusFactoryConfigurator
    {
    }

    public void PreConfigureRider<T>(T configurator)
        where T : IRiderFactoryConfigurator
    {
    }
}
