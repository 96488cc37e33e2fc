using System.Text.Json;
using MpcWallet.Coordinator;
using MpcWallet.Infrastructure.Messaging;
using MpcWallet.Node;
using MpcWallet.Transactions;

namespace MpcWallet.Host.Composition;

/// <summary>
/// <c>MpcWallet.Host broker-permissions [the process's own arguments]</c>: prints the RabbitMQ permissions (configure,
/// write, read patterns) that the process started with the same arguments needs, as one JSON object, so an operator
/// gives each process its own broker user limited to its channels (README, "Broker users"; docs/security.md).
/// </summary>
public static class BrokerPermissionsCommand
{
    public const string Name = "broker-permissions";

    public static int Run(string[] args)
    {
        var configuration = MpcWalletHost.ReadConfiguration(args);
        var modules = EnabledModules.From(configuration);
        BrokerPermissions? permissions = null;
        if (modules.Coordinator)
        {
            permissions = CoordinatorModule.BrokerPermissions(configuration);
        }

        if (modules.Node)
        {
            var node = NodeModule.BrokerPermissions(configuration);
            permissions = permissions?.Union(node) ?? node;
        }

        if (modules.Transactions)
        {
            var transactions = TransactionsModule.BrokerPermissions();
            permissions = permissions?.Union(transactions) ?? transactions;
        }

        if (permissions is null)
        {
            Console.Error.WriteLine("MpcWallet broker-permissions: no module is enabled by these arguments.");
            return 2;
        }

        Console.WriteLine(JsonSerializer.Serialize(new { configure = permissions.Configure, write = permissions.Write, read = permissions.Read }));
        return 0;
    }
}
