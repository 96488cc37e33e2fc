using Grpc.Core;
using Grpc.Core.Interceptors;
using MpcWallet.Infrastructure.Cluster;

namespace MpcWallet.Node.Control;

/// <summary>Only the coordinator, holding the cluster's control token, may command a node.</summary>
internal sealed class ControlTokenInterceptor(string token) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (!ControlToken.Matches(context.RequestHeaders.GetValue(ControlToken.Header), token))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "NodeControl needs the cluster's control token"));
        }

        return continuation(request, context);
    }
}
