using MpcWallet.EndToEndTests.Support;
using MpcWallet.Host.Composition;

namespace MpcWallet.EndToEndTests.OperatorConsole;

/// <summary>A role the host does not know stops it at start, naming the key's tenant and the role, never the key.</summary>
public sealed class AdminRoleConfigurationTests
{
    [Fact]
    public void An_unknown_role_stops_the_host_at_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() => MpcWalletHost.Build(
        [
            "--urls", "http://127.0.0.1:0",
            "--data-dir", TestHost.NewDataDirectory(),
            "--modules", "coordinator",
            "--environment", "Production",
            "--Auth:ApiKeys:0:Tenant", "operators",
            "--Auth:ApiKeys:0:Key", "secret-operator-key-0123456789",
            "--Auth:ApiKeys:0:Roles:0", "root",
        ]));
        Assert.Contains("unknown role 'root'", error.Message, StringComparison.Ordinal);
        Assert.Contains("operators", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-operator-key", error.Message, StringComparison.Ordinal);
    }
}
