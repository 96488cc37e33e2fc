using Grpc.Core;
using MpcWallet.Contracts.Control;

namespace MpcWallet.Coordinator.Sessions;

/// <summary>
/// A node's refusal to join a session because of one peer, read from the call's trailers
/// (<see cref="SessionRefusalTrailers"/>): banned there for the wallet, or busy (its budget of sessions with that
/// peer before their OT-extension check is used up).
/// </summary>
internal sealed record PeerRefusal(string Peer, bool Banned)
{
    /// <summary>The node refused the command itself (<see cref="SessionRefusalTrailers.CommandRefused"/>): no peer is at fault, no quorum would sign it.</summary>
    public static bool IsCommandRefused(RpcException error) =>
        error.StatusCode == StatusCode.FailedPrecondition && error.Trailers.GetValue(SessionRefusalTrailers.Refusal) == SessionRefusalTrailers.CommandRefused;

    /// <summary>The refusal, when the error carries one naming a participant of the session; else null.</summary>
    public static PeerRefusal? From(RpcException error, IReadOnlyList<string> participants)
    {
        var kind = error.Trailers.GetValue(SessionRefusalTrailers.Refusal);
        var peer = error.Trailers.GetValue(SessionRefusalTrailers.Peer);
        if (peer is null || !participants.Contains(peer))
        {
            return null;
        }

        return kind switch
        {
            SessionRefusalTrailers.PeerBanned when error.StatusCode == StatusCode.FailedPrecondition => new PeerRefusal(peer, Banned: true),
            SessionRefusalTrailers.PeerBusy when error.StatusCode == StatusCode.ResourceExhausted => new PeerRefusal(peer, Banned: false),
            _ => null,
        };
    }
}
