using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace MpcWallet.Infrastructure.Persistence;

/// <summary>Applies a module's schema at start-up, before the module's own background work (registered first).</summary>
internal sealed class ModuleStoreMigration<TContext>(ModuleStore<TContext> store) : IHostedService
    where TContext : DbContext
{
    public Task StartAsync(CancellationToken cancellationToken) => store.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
