namespace MpcWallet.Node.Control;

/// <summary>
/// Where NodeControl is served, decided once (<see cref="Decide"/>) when the module is added. Own servers: every
/// local node gets its own small HTTP/2-only Kestrel on its <c>Cluster:Nodes</c> endpoint (single host, several nodes
/// per process). Host server: a process that runs exactly one node and nothing else serves that node's NodeControl on
/// the host's own <c>--urls</c> (split deployment).
/// </summary>
internal sealed record NodeControlHosting(bool OnHostServer)
{
    /// <param name="localNodeIds">The nodes this process runs.</param>
    /// <param name="aloneInProcess">True when no other module runs in this process.</param>
    public static NodeControlHosting Decide(IReadOnlyList<string> localNodeIds, bool aloneInProcess) =>
        new(aloneInProcess && localNodeIds.Count == 1);
}
