using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MpcWallet.Infrastructure.Http;

namespace MpcWallet.Coordinator.Nodes;

/// <summary><c>GET /v1/nodes</c>: the configured nodes and their liveness.</summary>
internal static class NodeEndpoints
{
    public static void Map(RouteGroupBuilder v1) =>
        v1.MapGet("/nodes", (NodeRegistry registry) => Results.Ok(new { items = registry.All.Select(n => new NodeResource(n.Id, registry.IsOnline(n.Id) ? "online" : "offline", n.LastHeartbeatAt?.UtcDateTime, n.Endpoint)).ToArray() }))
            .Produces<ItemsPage<NodeResource>>()
            .ProducesCommonProblems()
            .WithName("ListNodes");
}
