using Microsoft.Extensions.Options;
using MpcWallet.Infrastructure.Cluster;

namespace MpcWallet.Coordinator.Configuration;

/// <summary>
/// What the coordinator needs of <c>Cluster</c>, checked when the process starts: every node with its id and
/// NodeControl address. (No control token any more: its commands are signed, <see cref="Nodes.NodeCommands"/>.)
/// </summary>
internal sealed class CoordinatorClusterValidation : IValidateOptions<ClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        var failures = new List<string>();
        if (options.Nodes.Count == 0)
        {
            failures.Add("Cluster:Nodes must list every node (Cluster:Nodes:<i>:Id and Cluster:Nodes:<i>:GrpcEndpoint)");
        }

        for (var i = 0; i < options.Nodes.Count; i++)
        {
            var node = options.Nodes[i];
            if (string.IsNullOrWhiteSpace(node.Id))
            {
                failures.Add($"Cluster:Nodes:{i}:Id is empty");
            }
            else if (options.Nodes.Take(i).Any(n => n.Id == node.Id))
            {
                failures.Add($"Cluster:Nodes lists node {node.Id} twice");
            }

            if (!Uri.TryCreate(node.GrpcEndpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
            {
                failures.Add($"Cluster:Nodes:{i}:GrpcEndpoint must be the node's NodeControl address (http://host:port for h2c, https://… for TLS), not '{node.GrpcEndpoint}'");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
