using Microsoft.Extensions.Options;
using MpcWallet.Infrastructure.Cluster;

namespace MpcWallet.Node.Control;

/// <summary>
/// What a node needs of <c>Cluster</c>, checked when the process starts: where each node serves NodeControl on its
/// own server, the address to listen on. (Commands are authorized by their signature, <see cref="CommandVerifier"/>.)
/// </summary>
internal sealed class NodeControlClusterValidation(IReadOnlyList<string> localNodeIds, NodeControlHosting hosting) : IValidateOptions<ClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        var failures = new List<string>();
        if (!hosting.OnHostServer)
        {
            foreach (var id in localNodeIds.Where(id => id.Length > 0))
            {
                var entry = options.Nodes.FirstOrDefault(n => n.Id == id);
                if (entry is null)
                {
                    failures.Add($"node {id} has no entry in Cluster:Nodes (its NodeControl endpoint)");
                }
                else if (!Uri.TryCreate(entry.GrpcEndpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
                {
                    failures.Add($"node {id} needs its NodeControl endpoint in Cluster:Nodes (http://host:port to listen on)");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
