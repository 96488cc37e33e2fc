
namespace MpcWallet.Transactions.Tests.Support;

/// <summary>One auto-mining Anvil and one transactions host shared by a test class (each test uses its own wallets).</summary>
public sealed class AutomineFixture : IAsyncLifetime
{
    private AnvilChain? _anvil;
    private TransactionsTestHost? _host;

    internal TransactionsTestHost Host => _host ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _anvil = await AnvilChain.StartAsync();
        _host = await TransactionsTestHost.StartAsync(_anvil);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_anvil is not null)
        {
            await _anvil.DisposeAsync();
        }
    }
}
