using System.Collections.Concurrent;
using Grpc.Net.Client;
using MpcWallet.Contracts.Control;

namespace MpcWallet.Coordinator.Nodes;

/// <summary>gRPC clients for the nodes' NodeControl endpoints (one channel per endpoint, reused).</summary>
internal sealed class NodeControlClients(NodeRegistry registry) : IDisposable
{
    private readonly ConcurrentDictionary<string, GrpcChannel> _channels = new();

    public NodeControl.NodeControlClient For(string nodeId)
    {
        var node = registry.Find(nodeId) ?? throw new ArgumentException($"unknown node {nodeId}", nameof(nodeId));
        var channel = _channels.GetOrAdd(node.Endpoint, endpoint => GrpcChannel.ForAddress(endpoint, new GrpcChannelOptions { MaxReceiveMessageSize = 1 << 20 }));
        return new NodeControl.NodeControlClient(channel);
    }

    public void Dispose()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }
    }
}
