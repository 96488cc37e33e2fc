namespace MpcWallet.Infrastructure.Persistence;

/// <summary>A DbContext whose model depends on the store it was opened for (its schema).</summary>
public interface ISchemaScoped
{
    ModuleDatabase Store { get; }
}
