namespace MpcWallet.Infrastructure.Persistence;

/// <summary>The database a process uses (<c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>One file per module (and per node) under the data directory.</summary>
    Sqlite,

    /// <summary>One schema per module (and per node) in the databases named by <c>ConnectionStrings:*</c>.</summary>
    PostgreSQL,
}
