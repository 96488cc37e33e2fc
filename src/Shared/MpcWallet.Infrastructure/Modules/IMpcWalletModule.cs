using Microsoft.Extensions.DependencyInjection;
using MpcWallet.Infrastructure.Messaging;

namespace MpcWallet.Infrastructure.Modules;

/// <summary>
/// What a module is to the host, and all the host knows of it: a name, its options validated when the process starts,
/// its services, the queues it consumes from, and its endpoints. The host runs every enabled module through these
/// members in this order; a module's implementation stays internal behind it, and modules never reference each other.
/// </summary>
public interface IMpcWalletModule
{
    /// <summary>The module's name in <c>Modules:Enabled</c> (<c>--modules</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Binds the module's options (<c>AddOptions&lt;T&gt;().BindConfiguration(…)</c>) with their validation, run when the
    /// process starts (<c>ValidateOnStart</c>): a misconfigured process stops before anything runs, every problem of
    /// every module named together, no secret value in the message.
    /// </summary>
    void AddOptions(IServiceCollection services, ModuleContext context);

    /// <summary>The module's services, background work and health checks. Reads no option value: they are validated later.</summary>
    void AddServices(IServiceCollection services, ModuleContext context);

    /// <summary>
    /// The queues the module consumes from, each with its consumers. The host registers the consumers from these plans
    /// and nowhere else, and creates the endpoints with their channel's quality of service.
    /// </summary>
    IReadOnlyList<ReceiveEndpointPlan> ReceiveEndpoints(ModuleContext context);

    /// <summary>The contracts the module publishes: with its receive endpoints, they make its broker permissions (<see cref="BrokerPermissions"/>).</summary>
    IReadOnlyList<Type> PublishedMessages { get; }

    /// <summary>Regular expressions (RabbitMQ permission syntax) of the endpoint exchanges the module sends to directly.</summary>
    IReadOnlyList<string> DirectSendPatterns { get; }

    /// <summary>Maps the module's endpoints: REST resources on <see cref="ModuleRoutes.Api"/>, anything else on <see cref="ModuleRoutes.Server"/>.</summary>
    void MapEndpoints(ModuleRoutes routes);
}
