using MpcWallet.Transactions.Audit;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Tests.Units;

public sealed class AuditChainUnitTests
{
    private static AuditRecord Entry(string? detail = "d", string? old = "queued") => new()
    {
        Sequence = 0, Tenant = "t", WalletId = "w", TransactionId = "tx", OldStatus = old, NewStatus = "signing", Action = "a",
        TransactionHash = null, Detail = detail, At = "2026-01-01T00:00:00.0000000Z", PreviousHash = "", EntryHash = "",
    };

    [Fact]
    public void Entries_link_from_the_genesis_and_each_field_changes_the_hash()
    {
        var first = AuditChain.Link(null, Entry());
        Assert.Equal(1, first.Sequence);
        Assert.Equal(AuditChain.Genesis, first.PreviousHash);
        var second = AuditChain.Link(first, Entry());
        Assert.Equal(2, second.Sequence);
        Assert.Equal(first.EntryHash, second.PreviousHash);
        Assert.NotEqual(first.EntryHash, second.EntryHash);

        var altered = AuditChain.Link(null, Entry(detail: "e"));
        Assert.NotEqual(first.EntryHash, altered.EntryHash);
    }

    [Fact]
    public void Null_and_empty_and_shifted_fields_hash_differently()
    {
        var nullOld = AuditChain.Link(null, Entry(old: null));
        var emptyOld = AuditChain.Link(null, Entry(old: ""));
        Assert.NotEqual(nullOld.EntryHash, emptyOld.EntryHash);
        var a = AuditChain.Link(null, Entry(detail: "ab", old: "x"));
        var b = AuditChain.Link(null, Entry(detail: "b", old: "xa"));
        Assert.NotEqual(a.EntryHash, b.EntryHash);
        Assert.Equal(AuditChain.Compute(a), a.EntryHash);
    }
}
