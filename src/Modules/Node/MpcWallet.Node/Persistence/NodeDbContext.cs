using Microsoft.EntityFrameworkCore;
using MpcWallet.Infrastructure.Persistence;

namespace MpcWallet.Node.Persistence;

/// <summary>One node's own store (a SQLite file per node, or a PostgreSQL schema per node).</summary>
internal sealed class NodeDbContext(DbContextOptions<NodeDbContext> options, ModuleDatabase database) : DbContext(options), ISchemaScoped
{
    public ModuleDatabase Store { get; } = database;

    public DbSet<KeyShareRecord> KeyShares => Set<KeyShareRecord>();

    public DbSet<BannedPeerRecord> BannedPeers => Set<BannedPeerRecord>();

    public DbSet<FinishedSessionRecord> FinishedSessions => Set<FinishedSessionRecord>();

    public DbSet<NodeSettingRecord> Settings => Set<NodeSettingRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Store.DefaultSchema);
        modelBuilder.Entity<KeyShareRecord>(e =>
        {
            e.ToTable("key_shares").HasKey(x => new { x.WalletId, x.KeyVersion });
            e.Property(x => x.WalletId).HasColumnName("wallet_id");
            e.Property(x => x.KeyVersion).HasColumnName("key_version");
            e.Property(x => x.PartyIndex).HasColumnName("party_index");
            e.Property(x => x.PublicKey).HasColumnName("public_key");
            e.Property(x => x.ChainCode).HasColumnName("chain_code");
            e.Property(x => x.Sealed).HasColumnName("sealed");
            e.Property(x => x.AllowRawDigest).HasColumnName("allow_raw_digest");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.Status).HasColumnName("status");
        });
        modelBuilder.Entity<BannedPeerRecord>(e =>
        {
            e.ToTable("banned_peers").HasKey(x => new { x.WalletId, x.PeerNode });
            e.Property(x => x.WalletId).HasColumnName("wallet_id");
            e.Property(x => x.PeerNode).HasColumnName("peer_node");
            e.Property(x => x.CheckName).HasColumnName("check_name");
            e.Property(x => x.SessionId).HasColumnName("session_id");
            e.Property(x => x.BannedAt).HasColumnName("banned_at");
        });
        modelBuilder.Entity<FinishedSessionRecord>(e =>
        {
            e.ToTable("finished_sessions").HasKey(x => x.SessionId);
            e.Property(x => x.SessionId).HasColumnName("session_id");
            e.Property(x => x.Kind).HasColumnName("kind");
            e.Property(x => x.Outcome).HasColumnName("outcome");
            e.Property(x => x.FinishedAt).HasColumnName("finished_at");
        });
        modelBuilder.Entity<NodeSettingRecord>(e =>
        {
            e.ToTable("node_settings").HasKey(x => x.Name);
            e.Property(x => x.Name).HasColumnName("name");
            e.Property(x => x.Value).HasColumnName("value");
        });
    }
}
