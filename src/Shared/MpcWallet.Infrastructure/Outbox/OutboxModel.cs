using Microsoft.EntityFrameworkCore;

namespace MpcWallet.Infrastructure.Outbox;

public static class OutboxModel
{
    /// <summary>Maps <see cref="OutboxRecord"/> onto the module's own table (in its own schema).</summary>
    public static ModelBuilder MapOutbox(this ModelBuilder modelBuilder, string table = "outbox")
    {
        modelBuilder.Entity<OutboxRecord>(e =>
        {
            e.ToTable(table).HasKey(x => x.MessageId);
            e.Property(x => x.MessageId).HasColumnName("message_id");
            e.Property(x => x.MessageType).HasColumnName("message_type");
            e.Property(x => x.Payload).HasColumnName("payload");
            e.Property(x => x.Sequence).HasColumnName("sequence");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.SentAt).HasColumnName("sent_at");
            e.Property(x => x.ClaimedBy).HasColumnName("claimed_by");
            e.Property(x => x.ClaimedUntil).HasColumnName("claimed_until");
            e.Property(x => x.TraceParent).HasColumnName("trace_parent");
        });
        return modelBuilder;
    }
}
