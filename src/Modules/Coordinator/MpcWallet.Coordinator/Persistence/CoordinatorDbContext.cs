using Microsoft.EntityFrameworkCore;
using MpcWallet.Infrastructure.Http;
using MpcWallet.Infrastructure.Outbox;
using MpcWallet.Infrastructure.Persistence;

namespace MpcWallet.Coordinator.Persistence;

/// <summary>The coordinator's own store (schema <c>coordinator</c>, or its own SQLite file).</summary>
internal sealed class CoordinatorDbContext(DbContextOptions<CoordinatorDbContext> options, ModuleDatabase store) : DbContext(options), ISchemaScoped, IOutboxContext, IIdempotencyContext
{
    public ModuleDatabase Store { get; } = store;

    public DbSet<WalletRecord> Wallets => Set<WalletRecord>();

    public DbSet<SignatureRecord> Signatures => Set<SignatureRecord>();

    public DbSet<IdempotencyRecord> IdempotencyKeys => Set<IdempotencyRecord>();

    public DbSet<OutboxRecord> Outbox => Set<OutboxRecord>();

    public DbSet<SessionRecord> Sessions => Set<SessionRecord>();

    public DbSet<SessionReportRecord> SessionReports => Set<SessionReportRecord>();

    public DbSet<WalletSuspectRecord> WalletSuspects => Set<WalletSuspectRecord>();

    public DbSet<OperationRecord> Operations => Set<OperationRecord>();

    public DbSet<ManifestVersionRecord> ManifestVersions => Set<ManifestVersionRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Store.DefaultSchema);
        modelBuilder.Entity<WalletRecord>(e =>
        {
            e.ToTable("wallets").HasKey(x => x.Id);
            e.Ignore(x => x.NodeList);
            e.Ignore(x => x.Generation);
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Tenant).HasColumnName("tenant");
            e.Property(x => x.Label).HasColumnName("label");
            e.Property(x => x.Threshold).HasColumnName("threshold");
            e.Property(x => x.Parties).HasColumnName("parties");
            e.Property(x => x.Status).HasColumnName("status");
            e.Property(x => x.PublicKey).HasColumnName("public_key");
            e.Property(x => x.Address).HasColumnName("address");
            e.Property(x => x.ChainCode).HasColumnName("chain_code");
            e.Property(x => x.KeyVersion).HasColumnName("key_version");
            e.Property(x => x.AllowRawDigest).HasColumnName("allow_raw_digest");
            e.Property(x => x.Nodes).HasColumnName("nodes");
            e.Property(x => x.Attempts).HasColumnName("attempts");
            e.Property(x => x.Error).HasColumnName("error");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.Sequence).HasColumnName("sequence");
            e.Property(x => x.Owner).HasColumnName("owner");
            e.Property(x => x.LeaseUntil).HasColumnName("lease_until");
            e.Property(x => x.TraceParent).HasColumnName("trace_parent");
        });
        modelBuilder.Entity<SignatureRecord>(e =>
        {
            e.ToTable("signatures").HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Tenant).HasColumnName("tenant");
            e.Property(x => x.WalletId).HasColumnName("wallet_id");
            e.Property(x => x.Type).HasColumnName("type");
            e.Property(x => x.Status).HasColumnName("status");
            e.Property(x => x.Digest).HasColumnName("digest");
            e.Property(x => x.PreImage).HasColumnName("pre_image");
            e.Property(x => x.DerivationPath).HasColumnName("derivation_path");
            e.Property(x => x.R).HasColumnName("r");
            e.Property(x => x.S).HasColumnName("s");
            e.Property(x => x.V).HasColumnName("v");
            e.Property(x => x.Nodes).HasColumnName("nodes");
            e.Property(x => x.Attempts).HasColumnName("attempts");
            e.Property(x => x.Error).HasColumnName("error");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.DeadlineAt).HasColumnName("deadline_at");
            e.Property(x => x.CompletedAt).HasColumnName("completed_at");
            e.Property(x => x.Owner).HasColumnName("owner");
            e.Property(x => x.LeaseUntil).HasColumnName("lease_until");
            e.Property(x => x.TraceParent).HasColumnName("trace_parent");
        });
        modelBuilder.Entity<OperationRecord>(e =>
        {
            e.ToTable("operations").HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Tenant).HasColumnName("tenant");
            e.Property(x => x.WalletId).HasColumnName("wallet_id");
            e.Property(x => x.Kind).HasColumnName("kind");
            e.Property(x => x.Status).HasColumnName("status");
            e.Property(x => x.KeyVersion).HasColumnName("key_version");
            e.Property(x => x.Attempts).HasColumnName("attempts");
            e.Property(x => x.Error).HasColumnName("error");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.CompletedAt).HasColumnName("completed_at");
            e.Property(x => x.Owner).HasColumnName("owner");
            e.Property(x => x.LeaseUntil).HasColumnName("lease_until");
            e.Property(x => x.TraceParent).HasColumnName("trace_parent");
        });
        modelBuilder.MapIdempotencyKeys();
        modelBuilder.MapOutbox();
        modelBuilder.Entity<SessionRecord>(e =>
        {
            e.ToTable("sessions").HasKey(x => x.Id);
            e.Ignore(x => x.ParticipantList);
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Purpose).HasColumnName("purpose");
            e.Property(x => x.ResourceId).HasColumnName("resource_id");
            e.Property(x => x.Participants).HasColumnName("participants");
            e.Property(x => x.Owner).HasColumnName("owner");
            e.Property(x => x.StartedAt).HasColumnName("started_at");
            e.Property(x => x.ExpiresAt).HasColumnName("expires_at");
            e.Property(x => x.Status).HasColumnName("status");
            e.Property(x => x.Failure).HasColumnName("failure");
            e.Property(x => x.Suspects).HasColumnName("suspects");
        });
        modelBuilder.Entity<SessionReportRecord>(e =>
        {
            e.ToTable("session_reports").HasKey(x => new { x.SessionId, x.Node });
            e.Property(x => x.SessionId).HasColumnName("session_id");
            e.Property(x => x.Node).HasColumnName("node");
            e.Property(x => x.Payload).HasColumnName("payload");
            e.Property(x => x.ReceivedAt).HasColumnName("received_at");
        });
        modelBuilder.Entity<WalletSuspectRecord>(e =>
        {
            e.ToTable("wallet_suspects").HasKey(x => new { x.WalletId, x.Node });
            e.Property(x => x.WalletId).HasColumnName("wallet_id");
            e.Property(x => x.Node).HasColumnName("node");
            e.Property(x => x.KeyVersion).HasColumnName("key_version");
            e.Property(x => x.Reason).HasColumnName("reason");
            e.Property(x => x.SessionId).HasColumnName("session_id");
            e.Property(x => x.SuspectedAt).HasColumnName("suspected_at");
        });
        modelBuilder.Entity<ManifestVersionRecord>(e =>
        {
            e.ToTable("manifest_versions").HasKey(x => x.ClusterId);
            e.Property(x => x.ClusterId).HasColumnName("cluster_id");
            e.Property(x => x.Highest).HasColumnName("highest");
        });
    }
}
