namespace MpcWallet.Node.Control;

/// <summary>
/// Where NodeControl is served. Own servers: every local node gets its own small HTTP/2-only Kestrel on its
/// <c>Cluster:Nodes</c> endpoint (single host, several nodes per process). Host server: a process that runs exactly
/// one node and nothing else serves that node's NodeControl on the host's own <c>--urls</c> (split deployment).
/// </summary>
internal sealed record NodeControlHosting(bool OnHostServer);
