namespace MpcWallet.EndToEndTests.Support;

/// <summary>Real-broker hosts run one at a time: each has its own virtual host and database, but on 2 cores two full clusters at once would starve each other's deadlines.</summary>
[CollectionDefinition(Name)]
public sealed class RealBrokerCollection
{
    public const string Name = "real broker";
}
