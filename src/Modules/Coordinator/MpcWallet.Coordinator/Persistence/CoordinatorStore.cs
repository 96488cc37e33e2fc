using Microsoft.EntityFrameworkCore;
using MpcWallet.Infrastructure.Persistence;

namespace MpcWallet.Coordinator.Persistence;

/// <summary>Opens the coordinator's store and applies its versioned schema.</summary>
internal sealed class CoordinatorStore(ModuleDatabase database)
{
    private readonly DbContextOptions<CoordinatorDbContext> _options = Build(database);
    private long _lastSequence;

    public ModuleDatabase Database { get; } = database;

    /// <summary>Pulsed after a wallet or signature reaches a final state in this process.</summary>
    public Api.FinalStateSignal FinalStateCommitted { get; } = new();

    public CoordinatorDbContext Open() => new(_options, Database);

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var context = Open();
        await SchemaMigrator.ApplyAsync(context, Database, typeof(CoordinatorStore).Assembly, cancellationToken);
        _lastSequence = await context.Wallets.Select(w => (long?)w.Sequence).MaxAsync(cancellationToken) ?? 0;
    }

    /// <summary>A strictly increasing number for creation order (time-based, so it survives restarts).</summary>
    public long NextSequence()
    {
        while (true)
        {
            var last = Interlocked.Read(ref _lastSequence);
            var next = Math.Max(last + 1, DateTime.UtcNow.Ticks);
            if (Interlocked.CompareExchange(ref _lastSequence, next, last) == last)
            {
                return next;
            }
        }
    }

    private static DbContextOptions<CoordinatorDbContext> Build(ModuleDatabase database)
    {
        var builder = new DbContextOptionsBuilder<CoordinatorDbContext>();
        database.Configure(builder);
        return builder.Options;
    }
}
