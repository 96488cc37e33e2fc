using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Coordinator.Sessions;
using MpcWallet.Coordinator.Tests.Support;
using MpcWallet.Coordinator.Work;
using MpcWallet.Infrastructure.Persistence;
using MpcWallet.Testing;

namespace MpcWallet.Coordinator.Tests.HighAvailability;

/// <summary>
/// Ownership of pending requests between two coordinators on one PostgreSQL store: a claim holds while its lease runs,
/// the other coordinator takes the request over once it expired, the former owner's renewal then notices the loss,
/// and a finished request is nobody's work. Sessions abandoned by a dead coordinator are expired.
/// </summary>
public sealed class LeaseTests
{
    [Fact]
    public async Task A_claim_holds_until_its_lease_expires_then_the_other_coordinator_takes_over()
    {
        var database = new ModuleDatabase(DatabaseProvider.PostgreSQL, await TestPostgres.CreateDatabaseAsync("coordinator_lease"), "coordinator");
        var clock = new ManualClock();
        await using var a = await CoordinatorHarness.StartAsync(s => s.AddSingleton<TimeProvider>(clock), database, "coordinator-a");
        await using var b = await CoordinatorHarness.StartAsync(s => s.AddSingleton<TimeProvider>(clock), database, "coordinator-b");
        var leasesA = a.GetRequiredService<WorkLeases>();
        var leasesB = b.GetRequiredService<WorkLeases>();
        var store = a.GetRequiredService<CoordinatorStore>();
        var item = new WorkItem(WorkKind.Signing, await SigningFixture.SeedAsync(store, RandomNumberGenerator.GetBytes(32)));

        Assert.Contains(item, await leasesB.ClaimableAsync(includeOwn: false, CancellationToken.None));
        Assert.True(await leasesA.TryClaimAsync(item, ignoreLease: false, CancellationToken.None));
        var lost = leasesA.Hold(item);
        Assert.False(await leasesB.TryClaimAsync(item, ignoreLease: false, CancellationToken.None));
        Assert.DoesNotContain(item, await leasesB.ClaimableAsync(includeOwn: false, CancellationToken.None));
        await leasesA.RenewAsync(CancellationToken.None);
        Assert.False(lost.IsCancellationRequested);

        clock.Now += TimeSpan.FromSeconds(16); // past the 15 s lease, without renewal (A "died")
        Assert.Contains(item, await leasesB.ClaimableAsync(includeOwn: false, CancellationToken.None));
        Assert.True(await leasesB.TryClaimAsync(item, ignoreLease: false, CancellationToken.None));
        Assert.False(await leasesA.TryClaimAsync(item, ignoreLease: false, CancellationToken.None));
        await leasesA.RenewAsync(CancellationToken.None);
        Assert.True(lost.IsCancellationRequested, "the former owner's run must learn that its lease is gone");

        await using (var context = store.Open())
        {
            var row = await context.Signatures.AsNoTracking().SingleAsync(s => s.Id == item.Id);
            Assert.Equal("coordinator-b", row.Owner);
            await context.Signatures.Where(s => s.Id == item.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SignatureStatus.Completed));
        }

        clock.Now += TimeSpan.FromSeconds(16);
        Assert.DoesNotContain(item, await leasesA.ClaimableAsync(includeOwn: true, CancellationToken.None));
        Assert.False(await leasesA.TryClaimAsync(item, ignoreLease: true, CancellationToken.None));
    }

    [Fact]
    public async Task Sessions_left_running_past_their_end_are_expired_and_no_longer_completed()
    {
        var database = new ModuleDatabase(DatabaseProvider.PostgreSQL, await TestPostgres.CreateDatabaseAsync("coordinator_lease"), "coordinator");
        var clock = new ManualClock();
        await using var provider = await CoordinatorHarness.StartAsync(s => s.AddSingleton<TimeProvider>(clock), database);
        var ledger = provider.GetRequiredService<SessionLedger>();
        var abandoned = SigningFixture.NewSession("sig_abandoned", "node-1", "node-2");
        var current = SigningFixture.NewSession("sig_current", "node-1", "node-2");
        await ledger.StartAsync(abandoned, TimeSpan.FromSeconds(10), CancellationToken.None);
        clock.Now += TimeSpan.FromSeconds(30);
        await ledger.StartAsync(current, TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.Equal(1, await ledger.ExpireAsync(TimeSpan.FromSeconds(15), CancellationToken.None));
        Assert.Null(await ledger.FindRunningAsync(abandoned.Key, CancellationToken.None));
        Assert.NotNull(await ledger.FindRunningAsync(current.Key, CancellationToken.None));
        Assert.False((await ledger.OutcomeAsync(abandoned.Key, CancellationToken.None))!.Succeeded);
    }
}
