using System.Text.Json;

namespace MpcWallet.EndToEndTests.Support;

/// <summary>One host and one active 2-of-3 wallet shared by a suite's tests (key generation is the costly step).</summary>
public abstract class SharedHost(Backend backend) : IAsyncLifetime
{
    private TestHost? _host;
    private JsonElement _wallet;

    public TestHost Host => _host ?? throw new InvalidOperationException("not started");

    public JsonElement Wallet => _wallet;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync(backend);
        using var client = _host.Client();
        _wallet = await Api.CreateActiveWalletAsync(client, "shared");
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
