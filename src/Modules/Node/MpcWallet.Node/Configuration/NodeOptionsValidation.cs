using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MpcWallet.Node.Configuration;

/// <summary>
/// <c>Node</c>, checked when the process starts: it runs at least one node, each with a key-encryption key it can
/// start with (never echoing a key), and positive timers.
/// </summary>
internal sealed class NodeOptionsValidation(IHostEnvironment environment) : IValidateOptions<NodeOptions>
{
    public ValidateOptionsResult Validate(string? name, NodeOptions options)
    {
        var failures = new List<string>();
        if (options.Ids.Count == 0)
        {
            failures.Add("the node module runs no node: list them in Cluster:Nodes (or name this process's with Node:Ids / --node-id)");
        }

        foreach (var id in options.Ids)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                failures.Add("every node needs an id (Cluster:Nodes:<i>:Id, Node:Ids)");
            }
            else if (!options.HasKeyEncryptionKeySource(id, environment.IsDevelopment()))
            {
                failures.Add($"node {id} needs its key-encryption key: Node:KeyEncryptionKeys:{id} (env Node__KeyEncryptionKeys__{id}, 32 bytes base64 or hex) or Node:KeyEncryptionKeyFiles:{id}");
            }
        }

        if (options.HeartbeatInterval <= TimeSpan.Zero || options.SessionLifetime <= TimeSpan.Zero)
        {
            failures.Add("Node:HeartbeatInterval and Node:SessionLifetime must be positive");
        }

        if (!string.IsNullOrWhiteSpace(options.RecoveryPublicKey))
        {
            try
            {
                _ = Mpc.Backup.RecoveryPublicKey.Parse(options.RecoveryPublicKey.Trim());
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                failures.Add("Node:RecoveryPublicKey must be the recovery key's public half, 64 hex digits (a canonical X25519 key that is not small-order): " + e.Message);
            }
        }

        if (options.BeginWindow <= TimeSpan.Zero || options.BeginWindow > options.SessionLifetime)
        {
            failures.Add("Node:BeginWindow must be positive and at most Node:SessionLifetime");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
