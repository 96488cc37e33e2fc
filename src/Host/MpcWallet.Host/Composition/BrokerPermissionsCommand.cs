using System.Text.Json;
using MpcWallet.Infrastructure.Messaging;
using MpcWallet.Infrastructure.Modules;

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
        var context = new ModuleContext(configuration, modules.Select(m => m.Name).ToArray());
        if (context.Runs("coordinator") && string.IsNullOrWhiteSpace(configuration["Coordinator:InstanceId"]))
        {
            // Its per-instance queues are named after the instance id, which is random per start unless configured:
            // permissions printed now would name queues the process will never use.
            Console.Error.WriteLine("MpcWallet broker-permissions: a coordinator needs a stable Coordinator:InstanceId (its per-instance queues are named after it); pass the same --Coordinator:InstanceId the process runs with.");
            return 2;
        }

        var permissions = BrokerPermissions.For(
            modules.SelectMany(m => m.ReceiveEndpoints(context)),
            modules.SelectMany(m => m.PublishedMessages),
            modules.SelectMany(m => m.DirectSendPatterns));
        Console.WriteLine(JsonSerializer.Serialize(new { configure = permissions.Configure, write = permissions.Write, read = permissions.Read }));
        return 0;
    }
}
