using MpcWallet.Infrastructure.Cluster;

namespace MpcWallet.Host.Composition;

/// <summary>
/// Settings a process needs when coordinator and nodes run in different processes, checked before anything starts
/// so a misconfigured process stops at once with every problem named (and no secret value in the message).
/// </summary>
internal static class SplitDeploymentSettings
{
    public static IReadOnlyList<string> Problems(IConfiguration configuration, EnabledModules modules)
    {
        var problems = new List<string>();
        if (modules.Coordinator == modules.Node)
        {
            // Both (single host: the token is made up per process) or neither: nothing to share.
            return problems;
        }

        if (configuration["Cluster:ControlToken"] is not { Length: >= ControlToken.MinimumLength })
        {
            problems.Add($"Cluster:ControlToken (env Cluster__ControlToken) must be set, at least {ControlToken.MinimumLength} characters, the same value in the coordinator and every node");
        }

        if (modules.Coordinator)
        {
            var nodes = configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>()?.Nodes ?? [];
            if (nodes.Count == 0)
            {
                problems.Add("Cluster:Nodes must list every node (Cluster:Nodes:<i>:Id and Cluster:Nodes:<i>:GrpcEndpoint)");
            }

            for (var i = 0; i < nodes.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(nodes[i].Id))
                {
                    problems.Add($"Cluster:Nodes:{i}:Id is empty");
                }

                if (!Uri.TryCreate(nodes[i].GrpcEndpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
                {
                    problems.Add($"Cluster:Nodes:{i}:GrpcEndpoint must be the node's NodeControl address (http://host:port for h2c, https://… for TLS), not '{nodes[i].GrpcEndpoint}'");
                }
            }
        }

        if (modules.Node)
        {
            foreach (var id in MpcWallet.Node.NodeModule.LocalNodeIds(configuration))
            {
                var hasKey = !string.IsNullOrWhiteSpace(configuration[$"Node:KeyEncryptionKeys:{id}"])
                    || !string.IsNullOrWhiteSpace(configuration[$"Node:KeyEncryptionKeyFiles:{id}"])
                    || configuration.GetValue<bool>("Node:CreateDevelopmentKeys");
                if (!hasKey)
                {
                    problems.Add($"node {id} needs its key-encryption key: Node:KeyEncryptionKeys:{id} (env Node__KeyEncryptionKeys__{id}, 32 bytes base64 or hex) or Node:KeyEncryptionKeyFiles:{id}");
                }
            }
        }

        return problems;
    }

    public static void Validate(IConfiguration configuration, EnabledModules modules)
    {
        var problems = Problems(configuration, modules);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                $"this process runs {modules} without {(modules.Coordinator ? "the nodes" : "the coordinator")}, which needs: " + string.Join("; ", problems));
        }
    }
}
