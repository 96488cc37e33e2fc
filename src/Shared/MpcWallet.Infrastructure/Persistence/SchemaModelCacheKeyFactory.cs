using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace MpcWallet.Infrastructure.Persistence;

/// <summary>Several stores of one DbContext type (one per node) differ by schema, so the model cache must too.</summary>
internal sealed class SchemaModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        context is ISchemaScoped scoped
            ? (context.GetType(), scoped.Store.Provider, scoped.Store.DefaultSchema, designTime)
            : (object)(context.GetType(), designTime);
}
