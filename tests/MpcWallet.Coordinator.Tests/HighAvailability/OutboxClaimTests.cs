using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using MpcWallet.Contracts.Events;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Coordinator.Tests.Support;
using MpcWallet.Infrastructure.Outbox;
using MpcWallet.Infrastructure.Persistence;
using MpcWallet.Testing;

namespace MpcWallet.Coordinator.Tests.HighAvailability;

/// <summary>Two coordinators' outbox dispatchers on one PostgreSQL store publish every row once between them, with its original message id.</summary>
public sealed class OutboxClaimTests
{
    private const int Messages = 60;

    [Fact]
    public async Task Two_dispatchers_on_one_store_publish_each_row_once()
    {
        var database = new ModuleDatabase(DatabaseProvider.PostgreSQL, await TestPostgres.CreateDatabaseAsync("coordinator_outbox"), "coordinator");
        await using var a = await CoordinatorHarness.StartAsync(database: database, instance: "coordinator-a");
        await using var b = await CoordinatorHarness.StartAsync(database: database, instance: "coordinator-b");
        var store = a.GetRequiredService<CoordinatorStore>();
        var ids = Enumerable.Range(0, Messages).Select(_ => NewId.NextGuid()).ToArray();
        await using (var context = store.Open())
        {
            foreach (var id in ids)
            {
                OutboxWriter.Add(context, store, id, new SignatureCompleted { MessageId = id, SignatureId = "sig_" + id.ToString("N"), WalletId = "wlt_1", Tenant = "t" });
            }

            await context.SaveChangesAsync();
        }

        // Both drain at once, small batches interleaved, until nothing is left for either.
        var dispatchers = new[] { a.GetRequiredService<OutboxDispatcher<CoordinatorDbContext>>(), b.GetRequiredService<OutboxDispatcher<CoordinatorDbContext>>() };
        await Task.WhenAll(dispatchers.Select(d => Task.Run(async () =>
        {
            while (await d.DispatchPendingAsync(CancellationToken.None) > 0)
            {
            }
        })));

        var published = new List<Guid?>();
        foreach (var provider in new[] { a, b })
        {
            // Publishing is synchronous in DispatchPendingAsync: everything either dispatcher sent is recorded by now.
            published.AddRange(provider.GetRequiredService<ITestHarness>().Published.Select<SignatureCompleted>(CancellationToken.None).Select(m => m.Context.MessageId));
        }

        Assert.Equal(ids.Order(), published.Select(id => id!.Value).Order());
    }
}
