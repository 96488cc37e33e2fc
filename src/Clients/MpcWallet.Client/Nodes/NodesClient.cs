using MpcWallet.Client.Http;

namespace MpcWallet.Client.Nodes;

/// <summary><c>GET /v1/nodes</c>.</summary>
public sealed class NodesClient
{
    private readonly ApiConnection _connection;

    internal NodesClient(ApiConnection connection) => _connection = connection;

    public async Task<IReadOnlyList<Node>> ListAsync(CancellationToken cancellationToken = default) =>
        (await _connection.GetAsync<Page<Node>>("v1/nodes", cancellationToken).ConfigureAwait(false)).Items;
}
