using Microsoft.EntityFrameworkCore;
using MpcWallet.Infrastructure.Http;
using MpcWallet.Infrastructure.Outbox;
using MpcWallet.Infrastructure.Persistence;

namespace MpcWallet.Transactions.Persistence;

/// <summary>The transaction module's own store (schema <c>transactions</c>, or its own SQLite file).</summary>
internal sealed class TransactionsDbContext(DbContextOptions<TransactionsDbContext> options, ModuleDatabase store) : DbContext(options), ISchemaScoped, IOutboxContext, IIdempotencyContext
{
    public ModuleDatabase Store { get; } = store;

    public DbSet<TransactionRecord> Transactions => Set<TransactionRecord>();

    public DbSet<AttemptRecord> Attempts => Set<AttemptRecord>();

    public DbSet<NonceRecord> Nonces => Set<NonceRecord>();

    public DbSet<WalletRecord> Wallets => Set<WalletRecord>();

    public DbSet<IdempotencyRecord> IdempotencyKeys => Set<IdempotencyRecord>();

    public DbSet<AuditRecord> Audit => Set<AuditRecord>();

    public DbSet<OutboxRecord> Outbox => Set<OutboxRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Store.DefaultSchema);
        modelBuilder.Entity<TransactionRecord>(e =>
        {
            e.ToTable("transactions").HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Tenant).HasColumnName("tenant");
            e.Property(x => x.WalletId).HasColumnName("wallet_id");
            e.Property(x => x.Kind).HasColumnName("kind");
            e.Property(x => x.ChainId).HasColumnName("chain_id");
            e.Property(x => x.From).HasColumnName("from_address");
            e.Property(x => x.DerivationPath).HasColumnName("derivation_path");
            e.Property(x => x.To).HasColumnName("to_address");
            e.Property(x => x.Value).HasColumnName("value");
            e.Property(x => x.Data).HasColumnName("data");
            e.Property(x => x.Details).HasColumnName("details");
            e.Property(x => x.GasLimit).HasColumnName("gas_limit");
            e.Property(x => x.MaxFeePerGas).HasColumnName("max_fee_per_gas");
            e.Property(x => x.MaxPriorityFeePerGas).HasColumnName("max_priority_fee_per_gas");
            e.Property(x => x.Nonce).HasColumnName("nonce");
            e.Property(x => x.Status).HasColumnName("status");
            e.Property(x => x.Hash).HasColumnName("hash");
            e.Property(x => x.BlockNumber).HasColumnName("block_number");
            e.Property(x => x.BlockHash).HasColumnName("block_hash");
            e.Property(x => x.Confirmations).HasColumnName("confirmations");
            e.Property(x => x.Final).HasColumnName("final");
            e.Property(x => x.Error).HasColumnName("error");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
            e.Property(x => x.Sequence).HasColumnName("sequence");
            e.Property(x => x.TraceParent).HasColumnName("trace_parent");
        });
        modelBuilder.Entity<AttemptRecord>(e =>
        {
            e.ToTable("attempts").HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.TransactionId).HasColumnName("transaction_id");
            e.Property(x => x.Number).HasColumnName("number");
            e.Property(x => x.SignatureId).HasColumnName("signature_id");
            e.Property(x => x.SigningHash).HasColumnName("signing_hash");
            e.Property(x => x.MaxFeePerGas).HasColumnName("max_fee_per_gas");
            e.Property(x => x.MaxPriorityFeePerGas).HasColumnName("max_priority_fee_per_gas");
            e.Property(x => x.Status).HasColumnName("status");
            e.Property(x => x.Kind).HasColumnName("kind");
            e.Property(x => x.Cancels).HasColumnName("cancels");
            e.Property(x => x.Hash).HasColumnName("hash");
            e.Property(x => x.RawTransaction).HasColumnName("raw_transaction");
            e.Property(x => x.SubmittedAt).HasColumnName("submitted_at");
            e.Property(x => x.LastBroadcastAt).HasColumnName("last_broadcast_at");
            e.Property(x => x.NextBroadcastAt).HasColumnName("next_broadcast_at");
            e.Property(x => x.BroadcastCount).HasColumnName("broadcast_count");
            e.Property(x => x.Error).HasColumnName("error");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.RequestedAt).HasColumnName("requested_at");
        });
        modelBuilder.Entity<NonceRecord>(e =>
        {
            e.ToTable("nonces").HasKey(x => new { x.ChainId, x.Sender });
            e.Property(x => x.ChainId).HasColumnName("chain_id");
            e.Property(x => x.Sender).HasColumnName("sender");
            e.Property(x => x.NextNonce).HasColumnName("next_nonce");
            e.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        });
        modelBuilder.Entity<WalletRecord>(e =>
        {
            e.ToTable("wallets").HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Tenant).HasColumnName("tenant");
            e.Property(x => x.Address).HasColumnName("address");
            e.Property(x => x.PublicKey).HasColumnName("public_key");
            e.Property(x => x.ChainCode).HasColumnName("chain_code");
            e.Property(x => x.AllowRawDigest).HasColumnName("allow_raw_digest");
        });
        modelBuilder.MapIdempotencyKeys();
        modelBuilder.Entity<AuditRecord>(e =>
        {
            e.ToTable("audit_log").HasKey(x => x.Sequence);
            e.Property(x => x.Sequence).HasColumnName("sequence").ValueGeneratedNever();
            e.Property(x => x.Tenant).HasColumnName("tenant");
            e.Property(x => x.WalletId).HasColumnName("wallet_id");
            e.Property(x => x.TransactionId).HasColumnName("transaction_id");
            e.Property(x => x.OldStatus).HasColumnName("old_status");
            e.Property(x => x.NewStatus).HasColumnName("new_status");
            e.Property(x => x.Action).HasColumnName("action");
            e.Property(x => x.TransactionHash).HasColumnName("transaction_hash");
            e.Property(x => x.Detail).HasColumnName("detail");
            e.Property(x => x.At).HasColumnName("at");
            e.Property(x => x.PreviousHash).HasColumnName("previous_hash");
            e.Property(x => x.EntryHash).HasColumnName("entry_hash");
        });
        modelBuilder.MapOutbox();
    }
}
