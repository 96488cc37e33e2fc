namespace MpcWallet.EndToEndTests.Support;

/// <summary>Hosts on the shared RabbitMQ use the same queue names, so they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class RealBrokerCollection
{
    public const string Name = "real broker";
}
