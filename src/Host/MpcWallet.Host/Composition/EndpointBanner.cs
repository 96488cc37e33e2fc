using MpcWallet.Infrastructure.Cluster;
using MpcWallet.Infrastructure.Modules;

namespace MpcWallet.Host.Composition;

/// <summary>
/// The start banner's endpoints line: whether this process's REST and NodeControl endpoints (served and called) are
/// TLS or cleartext, so an operator sees it at a glance (docs/design-trust.md, "Transport security"; README, "Split deployment").
/// </summary>
internal static class EndpointBanner
{
    public static string Describe(IConfiguration configuration, ModuleContext context, IReadOnlyList<string> addresses, bool developmentTrust)
    {
        var served = addresses.Count > 0 && addresses.All(a => a.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) ? "https (TLS)" : "cleartext http";
        if (developmentTrust)
        {
            return $"single-host dev mode: REST and every node's NodeControl are cleartext (http, h2c), for loopback only; a split deployment runs NodeControl over TLS 1.3 with pinned client certificates and REST over https (README, \"Split deployment\"). This process serves {served}";
        }

        var parts = new List<string>();
        var nodeOnly = context.Runs("node") && context.Modules.Count == 1;
        parts.Add(nodeOnly
            ? served == "https (TLS)"
                ? "NodeControl, health and metrics over TLS 1.3, client certificate required and pinned to the manifest's coordinators"
                : "NodeControl, health and metrics in CLEARTEXT (h2c): use --urls https://… with Kestrel:Certificates:Default in a split deployment"
            : $"REST, health and metrics over {served}");
        if (context.Runs("coordinator"))
        {
            var endpoints = (configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new ClusterOptions()).Nodes
                .Select(n => n.GrpcEndpoint).ToArray();
            var overTls = endpoints.Count(e => e.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
            parts.Add($"NodeControl to nodes: {overTls} of {endpoints.Length} over TLS 1.3 (client certificate from Coordinator:Tls, node certificates pinned to the manifest){(overTls < endpoints.Length ? $", {endpoints.Length - overTls} in CLEARTEXT (h2c)" : "")}");
        }

        return string.Join("; ", parts);
    }
}
