using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MpcWallet.Infrastructure.Authentication;

namespace MpcWallet.Infrastructure.Modules;

/// <summary>Where modules map their endpoints: the REST API, or the process's server itself.</summary>
public sealed class ModuleRoutes(IEndpointRouteBuilder server)
{
    private RouteGroupBuilder? _api;
    private RouteGroupBuilder? _admin;

    /// <summary>The versioned REST API (<c>/v1</c>): every endpoint on it needs an API key.</summary>
    public RouteGroupBuilder Api => _api ??= Server.MapGroup("/v1").RequireAuthorization();

    /// <summary>
    /// The operators' read-only views (<c>/v1/admin</c>): an API key with the admin role (<see cref="ApiKeyRoles.AdminPolicy"/>),
    /// across every tenant. Nothing here changes state.
    /// </summary>
    public RouteGroupBuilder Admin => _admin ??= Api.MapGroup("/admin").RequireAuthorization(ApiKeyRoles.AdminPolicy).WithTags("Admin");

    /// <summary>The process's server, for what is no REST resource (a node's NodeControl gRPC service).</summary>
    public IEndpointRouteBuilder Server { get; } = server;

    /// <summary>Whether any module mapped a REST resource (then the process authenticates API keys).</summary>
    public bool HasApi => _api is not null;
}
