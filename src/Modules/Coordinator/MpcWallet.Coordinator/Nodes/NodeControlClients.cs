using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using MpcWallet.Contracts.Control;
using MpcWallet.Coordinator.Configuration;
using MpcWallet.Infrastructure.Trust;

namespace MpcWallet.Coordinator.Nodes;

/// <summary>
/// gRPC clients for the nodes' NodeControl endpoints (one channel per node and endpoint, reused). An https endpoint
/// is called over TLS 1.3 with this instance's client certificate (<c>Coordinator:Tls</c>), and the node's server
/// certificate is accepted only when it is the one the cluster manifest lists for that node id (pinning; it must
/// chain to <c>Coordinator:Tls:CaCertificatePath</c> as well when that is set): a refused node is named in the log
/// and its calls fail, so no session uses it. An http endpoint is cleartext h2c (single-host dev mode on loopback).
/// </summary>
internal sealed partial class NodeControlClients(NodeRegistry registry, ClusterTrust trust, CoordinatorOptions options, ILogger<NodeControlClients> logger) : IDisposable
{
    private readonly ConcurrentDictionary<(string NodeId, string Endpoint), GrpcChannel> _channels = new();
    private readonly Lazy<X509Certificate2?> _clientCertificate = new(options.Tls.LoadCertificate);
    private readonly Lazy<X509Certificate2?> _authority = new(options.Tls.LoadAuthority);

    public NodeControl.NodeControlClient For(string nodeId)
    {
        var node = registry.Find(nodeId) ?? throw new ArgumentException($"unknown node {nodeId}", nameof(nodeId));
        var channel = _channels.GetOrAdd((nodeId, node.Endpoint), key => Open(key.NodeId, key.Endpoint));
        return new NodeControl.NodeControlClient(channel);
    }

    public void Dispose()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }
    }

    private GrpcChannel Open(string nodeId, string endpoint)
    {
        // A node's restart is known from its heartbeats within seconds; the channel's reconnect backoff (by default
        // growing to 2 minutes) must not keep it unreachable long after, since a refresh needs every holder.
        var channelOptions = new GrpcChannelOptions { MaxReceiveMessageSize = 1 << 20, MaxReconnectBackoff = TimeSpan.FromSeconds(3) };
        if (Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps)
        {
            var tls = new SslClientAuthenticationOptions
            {
                EnabledSslProtocols = SslProtocols.Tls13,
                RemoteCertificateValidationCallback = (_, certificate, chain, _) => Accepts(nodeId, endpoint, certificate, chain),
            };
            if (_clientCertificate.Value is { } client)
            {
                tls.ClientCertificates = [client];
            }

            channelOptions.HttpHandler = new SocketsHttpHandler { SslOptions = tls, EnableMultipleHttp2Connections = true };
        }

        return GrpcChannel.ForAddress(endpoint, channelOptions);
    }

    // The platform's chain verdict is not asked: a node's certificate is trusted because the manifest pins it.
    private bool Accepts(string nodeId, string endpoint, X509Certificate? certificate, X509Chain? chain)
    {
        var manifest = trust.Manifest;
        var refusal = CertificatePinning.Refusal(certificate, [manifest.FindNode(nodeId)?.TlsCertificateSha256], $"{nodeId} in the {manifest}", _authority.Value, chain);
        if (refusal is null)
        {
            return true;
        }

        LogRefused(logger, nodeId, endpoint, refusal);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "NodeControl: refused the server certificate of node {NodeId} at {Endpoint}, the node is not used: {Reason}")]
    private static partial void LogRefused(ILogger logger, string nodeId, string endpoint, string reason);
}
