namespace MpcWallet.EndToEndTests.Support;

public sealed class RabbitMqPostgresHost() : SharedHost(Backend.RabbitMqPostgres);
