using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MpcWallet.Infrastructure.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers a module's store (as itself and as <see cref="ModuleStore{TContext}"/>) and the hosted service that
    /// applies its schema at start-up. Call it before the module's other hosted services.
    /// </summary>
    public static IServiceCollection AddModuleStore<TStore, TContext>(this IServiceCollection services, TStore store)
        where TStore : ModuleStore<TContext>
        where TContext : DbContext
    {
        services.AddSingleton(store);
        services.AddSingleton<ModuleStore<TContext>>(store);
        services.AddHostedService(_ => new ModuleStoreMigration<TContext>(store));
        return services;
    }
}
