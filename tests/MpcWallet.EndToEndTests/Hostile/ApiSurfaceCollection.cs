namespace MpcWallet.EndToEndTests.Hostile;

/// <summary>The hostile-input suite and the OpenAPI contract checks share one host (starting one costs a key generation).</summary>
[CollectionDefinition(Name)]
public sealed class ApiSurfaceCollection : ICollectionFixture<HostileHost>
{
    public const string Name = "api-surface";
}
