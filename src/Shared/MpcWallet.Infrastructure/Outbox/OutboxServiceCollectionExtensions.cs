using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MpcWallet.Infrastructure.Persistence;

namespace MpcWallet.Infrastructure.Outbox;

public static class OutboxServiceCollectionExtensions
{
    /// <summary>
    /// Registers the outbox dispatcher of the module whose store is <see cref="ModuleStore{TContext}"/> (see
    /// <see cref="PersistenceServiceCollectionExtensions.AddModuleStore{TStore, TContext}"/>), as a singleton and a
    /// hosted service.
    /// </summary>
    /// <param name="settings">How the dispatcher works, from the module's store and options (resolved with the dispatcher).</param>
    public static IServiceCollection AddOutbox<TContext>(this IServiceCollection services, Func<IServiceProvider, OutboxSettings> settings)
        where TContext : DbContext, IOutboxContext
    {
        services.AddSingleton(sp => new OutboxDispatcher<TContext>(
            sp.GetRequiredService<ModuleStore<TContext>>(),
            sp.GetRequiredService<IBus>(),
            settings(sp),
            sp.GetRequiredService<ILogger<OutboxDispatcher<TContext>>>()));
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher<TContext>>());
        services.AddSingleton<IOutboxBacklog>(sp => sp.GetRequiredService<OutboxDispatcher<TContext>>());
        return services;
    }
}
