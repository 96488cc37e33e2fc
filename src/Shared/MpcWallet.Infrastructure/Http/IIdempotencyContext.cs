using Microsoft.EntityFrameworkCore;

namespace MpcWallet.Infrastructure.Http;

/// <summary>A module's DbContext with an idempotency-key table (mapped with <see cref="IdempotencyModel.MapIdempotencyKeys"/>).</summary>
public interface IIdempotencyContext
{
    DbSet<IdempotencyRecord> IdempotencyKeys { get; }
}
