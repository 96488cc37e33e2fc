namespace MpcWallet.EndToEndTests.Support;

/// <summary>Which infrastructure a test host runs on.</summary>
public enum Backend
{
    InMemorySqlite,

    /// <summary>The RabbitMQ and PostgreSQL that scripts/prepare.d starts on loopback.</summary>
    RabbitMqPostgres,
}
