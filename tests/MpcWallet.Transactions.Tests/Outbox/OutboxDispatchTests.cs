using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MpcWallet.Contracts.Events;
using MpcWallet.Infrastructure.Outbox;
using MpcWallet.Infrastructure.Persistence;
using MpcWallet.Transactions.Persistence;
using MpcWallet.Transactions.Tests.Support;

namespace MpcWallet.Transactions.Tests.Outbox;

/// <summary>
/// The transaction service's outbox, dispatched by the shared dispatcher. Its own earlier copy published without a
/// time bound (a publish hung across a broker restart stalled every later event), marked a whole batch sent only
/// after the last publish (a failure part-way re-published the rest of the batch), marked rows of an unknown message
/// type sent (silently lost), and published under fresh message ids (consumers could not deduplicate).
/// </summary>
public sealed class OutboxDispatchTests : IAsyncLifetime, IDisposable
{
    private readonly TransactionsStore _store = new(new ModuleDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(Directory.CreateTempSubdirectory("tx-outbox-").FullName, "t.db")}", "transactions"));
    private ServiceProvider? _bus;

    private ITestHarness Harness => _bus!.GetRequiredService<ITestHarness>();

    public async Task InitializeAsync()
    {
        await _store.MigrateAsync(CancellationToken.None);
        _bus = new ServiceCollection().AddMassTransitTestHarness().BuildServiceProvider(true);
        await Harness.Start();
    }

    public async Task DisposeAsync()
    {
        await Harness.Stop();
        await _bus!.DisposeAsync();
    }

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task A_publish_that_never_completes_is_bounded_and_its_row_is_published_later()
    {
        var id = await WriteAsync();
        var (publisher, control) = ControlledPublisher.Over(Harness.Bus);
        control.Hang = true;
        var dispatcher = Dispatcher(publisher, TimeSpan.FromMilliseconds(300));

        var dispatch = dispatcher.DispatchPendingAsync(CancellationToken.None);
        Assert.True(await Task.WhenAny(dispatch, Task.Delay(TimeSpan.FromSeconds(15))) == dispatch, "the dispatch hung with its publish");
        await Assert.ThrowsAsync<TimeoutException>(() => dispatch);
        Assert.Null((await RowAsync(id)).SentAt);

        control.Hang = false;
        Assert.Equal(1, await dispatcher.DispatchPendingAsync(CancellationToken.None));
        Assert.NotNull((await RowAsync(id)).SentAt);
        Assert.True(await Harness.Published.Any<TransactionStatusChanged>(m => m.Context.MessageId == id));
    }

    [Fact]
    public async Task Each_row_is_marked_sent_as_soon_as_it_is_published()
    {
        var ids = new[] { await WriteAsync(), await WriteAsync(), await WriteAsync() };
        var (publisher, control) = ControlledPublisher.Over(Harness.Bus);
        control.FailFrom = 3;

        await Assert.ThrowsAsync<InvalidOperationException>(() => Dispatcher(publisher).DispatchPendingAsync(CancellationToken.None));

        Assert.NotNull((await RowAsync(ids[0])).SentAt);
        Assert.NotNull((await RowAsync(ids[1])).SentAt);
        Assert.Null((await RowAsync(ids[2])).SentAt);
    }

    [Fact]
    public async Task A_row_of_an_unknown_type_is_left_unsent_and_counted_and_the_rows_after_it_go_out()
    {
        var unknown = Guid.NewGuid();
        await using (var context = _store.Open())
        {
            context.Outbox.Add(new OutboxRecord
            {
                MessageId = unknown.ToString(),
                MessageType = "MpcWallet.Contracts.Events.TransactionRenamedInALaterVersion",
                Payload = "{}",
                Sequence = _store.NextSequence(),
                CreatedAt = DateTimeOffset.UtcNow,
            });
            await context.SaveChangesAsync();
        }

        var known = await WriteAsync();
        var dispatcher = Dispatcher(Harness.Bus);
        while (await dispatcher.DispatchPendingAsync(CancellationToken.None) > 0)
        {
        }

        Assert.Null((await RowAsync(unknown)).SentAt);
        Assert.Contains(unknown.ToString(), dispatcher.UnpublishableRows.Keys);
        Assert.Contains("unknown message type", dispatcher.UnpublishableRows[unknown.ToString()], StringComparison.Ordinal);
        Assert.NotNull((await RowAsync(known)).SentAt);
        Assert.Equal(0, await dispatcher.DispatchPendingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Messages_go_out_in_order_with_their_own_message_ids()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await WriteAsync());
        }

        Assert.Equal(5, await Dispatcher(Harness.Bus).DispatchPendingAsync(CancellationToken.None));
        var published = Harness.Published.Select<TransactionStatusChanged>().ToArray();
        Assert.Equal(ids, published.Select(p => p.Context.MessageId!.Value));
        Assert.All(published, p => Assert.Equal(p.Context.MessageId, p.Context.Message.MessageId));
    }

    [Fact]
    public async Task Sent_rows_are_pruned_after_the_retention_and_unsent_ones_never()
    {
        var sent = await WriteAsync();
        var unsent = Guid.NewGuid();
        await using (var context = _store.Open())
        {
            context.Outbox.Add(new OutboxRecord { MessageId = unsent.ToString(), MessageType = "Unknown.Type", Payload = "{}", Sequence = _store.NextSequence(), CreatedAt = DateTimeOffset.UtcNow });
            await context.SaveChangesAsync();
        }

        await Dispatcher(Harness.Bus).DispatchPendingAsync(CancellationToken.None);
        Assert.Equal(0, await Dispatcher(Harness.Bus).PruneAsync(CancellationToken.None));
        var immediate = new OutboxDispatcher<TransactionsDbContext>(_store, Harness.Bus, new OutboxSettings { Retention = TimeSpan.FromMilliseconds(-1) }, NullLogger<OutboxDispatcher<TransactionsDbContext>>.Instance);
        Assert.Equal(1, await immediate.PruneAsync(CancellationToken.None));
        await using var check = _store.Open();
        Assert.False(await check.Outbox.AnyAsync(o => o.MessageId == sent.ToString()));
        Assert.True(await check.Outbox.AnyAsync(o => o.MessageId == unsent.ToString()));
    }

    private OutboxDispatcher<TransactionsDbContext> Dispatcher(IPublishEndpoint publisher, TimeSpan? publishTimeout = null) =>
        new(_store, publisher, new OutboxSettings { PublishTimeout = publishTimeout ?? TimeSpan.FromSeconds(10) }, NullLogger<OutboxDispatcher<TransactionsDbContext>>.Instance);

    /// <summary>Queues one event through the module's own unit of work; returns its message id.</summary>
    private async Task<Guid> WriteAsync()
    {
        var id = NewId.NextGuid();
        await _store.WriteAsync(unit =>
        {
            unit.Publish(id, new TransactionStatusChanged { MessageId = id, TransactionId = "tx_1", WalletId = "wal_1", Tenant = "t", ChainId = 31337, From = "0x0", NewStatus = "queued", At = DateTimeOffset.UtcNow });
            return Task.CompletedTask;
        }, CancellationToken.None);
        return id;
    }

    private async Task<OutboxRecord> RowAsync(Guid id)
    {
        await using var context = _store.Open();
        return await context.Outbox.AsNoTracking().SingleAsync(o => o.MessageId == id.ToString());
    }
}
