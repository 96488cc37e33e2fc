using Microsoft.EntityFrameworkCore;

namespace MpcWallet.Infrastructure.Http;

public static class IdempotencyModel
{
    /// <summary>Maps <see cref="IdempotencyRecord"/> onto the module's own table, keyed by (tenant, operation, key).</summary>
    public static ModelBuilder MapIdempotencyKeys(this ModelBuilder modelBuilder, string table = "idempotency_keys")
    {
        modelBuilder.Entity<IdempotencyRecord>(e =>
        {
            e.ToTable(table).HasKey(x => new { x.Tenant, x.Operation, x.Key });
            e.Property(x => x.Tenant).HasColumnName("tenant");
            e.Property(x => x.Operation).HasColumnName("operation");
            e.Property(x => x.Key).HasColumnName("key");
            e.Property(x => x.RequestHash).HasColumnName("request_hash");
            e.Property(x => x.ResourceId).HasColumnName("resource_id");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
        });
        return modelBuilder;
    }
}
