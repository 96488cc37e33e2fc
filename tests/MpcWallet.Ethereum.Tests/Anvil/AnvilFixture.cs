namespace MpcWallet.Ethereum.Tests.Anvil;

/// <summary>One auto-mining Anvil shared by the "Anvil" collection; its tests run one after another.</summary>
public sealed class AnvilFixture : IAsyncLifetime
{
    private AnvilChain? _node;

    internal AnvilChain Node => _node ?? throw new InvalidOperationException("Anvil was not started.");

    public async Task InitializeAsync() => _node = await AnvilChain.StartAsync();

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AnvilCollection : ICollectionFixture<AnvilFixture>
{
    public const string Name = "Anvil";
}
