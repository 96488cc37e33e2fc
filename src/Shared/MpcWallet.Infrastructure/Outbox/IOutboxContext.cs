using Microsoft.EntityFrameworkCore;

namespace MpcWallet.Infrastructure.Outbox;

/// <summary>A module's DbContext with an outbox table (mapped with <see cref="OutboxModel.MapOutbox"/>).</summary>
public interface IOutboxContext
{
    DbSet<OutboxRecord> Outbox { get; }
}
