using MpcWallet.Client;
using MpcWallet.Client.Nethereum;

namespace MpcWallet.Clients.Tests;

/// <summary>The client packages speak the published API only: no reference to any server or shared MpcWallet assembly.</summary>
public sealed class ClientAssemblyTests
{
    [Theory]
    [InlineData(typeof(MpcWalletClient))]
    [InlineData(typeof(MpcWalletAccount))]
    public void A_client_assembly_references_no_server_assembly(Type type)
    {
        var references = type.Assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("MpcWallet", StringComparison.Ordinal)).ToArray();
        Assert.All(references, name => Assert.Contains(name, new[] { "MpcWallet.Client" }));
        Assert.DoesNotContain(type.Assembly.GetReferencedAssemblies(), a => a.Name is "Microsoft.AspNetCore" or "MassTransit" or "Microsoft.EntityFrameworkCore");
    }
}
