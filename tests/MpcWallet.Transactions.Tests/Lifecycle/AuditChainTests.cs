using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Transactions.Persistence;
using MpcWallet.Transactions.Tests.Support;

namespace MpcWallet.Transactions.Tests.Lifecycle;

/// <summary>
/// The audit chain over a real lifecycle: intact after transfers, and a tampered row is located; each tenant's answer
/// counts and names only its own entries (another tenant sees neither the count nor the head, nor where a break is).
/// </summary>
public sealed class AuditChainTests
{
    [Fact]
    public async Task Verification_passes_on_real_history_and_names_the_tampered_entry()
    {
        await using var anvil = await AnvilChain.StartAsync();
        await using var host = await TransactionsTestHost.StartAsync(anvil);
        var (wallet, _) = await host.CreateWalletAsync(UInt256.Parse("1000000000000000000"));
        var ids = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var (_, body) = await host.PostTransferAsync(wallet, new { chainId = 31337, to = TransferTests.RandomAddress().ToChecksumString(), value = "1" });
            ids.Add(body.GetProperty("id").GetString()!);
        }

        foreach (var id in ids)
        {
            await host.WaitForStatusAsync(id, "confirmed");
        }

        using var client = host.Client();
        var intact = await client.GetFromJsonAsync<JsonElement>("/v1/audit/verification");
        Assert.True(intact.GetProperty("valid").GetBoolean(), intact.ToString());
        Assert.True(intact.GetProperty("entries").GetInt64() >= 12);
        using var other = host.Client(TransactionsTestHost.KeyB);
        var otherIntact = await other.GetFromJsonAsync<JsonElement>("/v1/audit/verification");
        Assert.True(otherIntact.GetProperty("valid").GetBoolean(), otherIntact.ToString());
        Assert.Equal(0, otherIntact.GetProperty("entries").GetInt64());
        Assert.Equal(JsonValueKind.Null, otherIntact.GetProperty("head").ValueKind);

        var entries = await host.AuditOfAsync(ids[0]);
        var confirmedEntry = entries.Single(e => e.GetProperty("newStatus").GetString() == "confirmed" && e.GetProperty("oldStatus").GetString() == "submitted");
        var sequence = confirmedEntry.GetProperty("sequence").GetInt64();

        // The schema refuses edits; an attacker with database access drops the guard first.
        var store = host.App.Services.GetRequiredService<TransactionsStore>();
        await using (var context = await store.OpenAsync(default))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => context.Database.ExecuteSqlAsync($"UPDATE audit_log SET new_status = 'failed' WHERE sequence = {sequence}"));
            await context.Database.ExecuteSqlRawAsync("DROP TRIGGER audit_log_no_update");
            await context.Database.ExecuteSqlAsync($"UPDATE audit_log SET new_status = 'failed' WHERE sequence = {sequence}");
        }

        var broken = await client.GetFromJsonAsync<JsonElement>("/v1/audit/verification");
        Assert.False(broken.GetProperty("valid").GetBoolean());
        Assert.Equal(sequence, broken.GetProperty("brokenAt").GetInt64());
        Assert.Equal(sequence - 1, broken.GetProperty("entries").GetInt64());
        Assert.Contains("altered", broken.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var otherBroken = await other.GetFromJsonAsync<JsonElement>("/v1/audit/verification");
        Assert.False(otherBroken.GetProperty("valid").GetBoolean());
        Assert.Equal(JsonValueKind.Null, otherBroken.GetProperty("brokenAt").ValueKind);
        Assert.Equal(0, otherBroken.GetProperty("entries").GetInt64());
    }
}
