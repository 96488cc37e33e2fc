using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MpcWallet.Infrastructure.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>Database</c> (once per process) and checks, when the process starts, that a PostgreSQL store named
    /// <paramref name="connectionName"/> has its connection string.
    /// </summary>
    public static IServiceCollection AddModuleDatabase(this IServiceCollection services, string connectionName)
    {
        var database = services.AddOptions<DatabaseOptions>();
        if (!services.Any(d => d.ServiceType == typeof(IOptionsChangeTokenSource<DatabaseOptions>)))
        {
            database.BindConfiguration(DatabaseOptions.Section).ValidateOnStart();
        }

        database.Validate<IConfiguration>(
            (options, configuration) => options.Provider != DatabaseProvider.PostgreSQL || ModuleDatabase.ConnectionStringOf(configuration, connectionName) is not null,
            ModuleDatabase.MissingConnectionString(connectionName));
        return services;
    }

    /// <summary>
    /// Registers a module's store (as itself and as <see cref="ModuleStore{TContext}"/>), created at first use where
    /// <c>Database</c> and <c>ConnectionStrings:&lt;connectionName&gt;</c> say it lives (<see cref="ModuleDatabase.Resolve"/>,
    /// checked at start), and the hosted service that applies its schema at start-up. Call it before the module's
    /// other hosted services.
    /// </summary>
    public static IServiceCollection AddModuleStore<TStore, TContext>(this IServiceCollection services, string connectionName, string schema, string directory, Func<ModuleDatabase, TStore> create)
        where TStore : ModuleStore<TContext>
        where TContext : DbContext
    {
        services.AddModuleDatabase(connectionName);
        services.TryAddSingleton(sp => create(ModuleDatabase.Resolve(
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, sp.GetRequiredService<IConfiguration>(), connectionName, schema, directory)));
        services.TryAddSingleton<ModuleStore<TContext>>(sp => sp.GetRequiredService<TStore>());
        services.AddHostedService(sp => new ModuleStoreMigration<TContext>(sp.GetRequiredService<ModuleStore<TContext>>()));
        return services;
    }
}
