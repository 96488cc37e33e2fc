using System.Diagnostics;
using MpcWallet.Infrastructure.Telemetry;
using MpcWallet.Node.Sessions;

namespace MpcWallet.Node.Rounds;

/// <summary>
/// The node's span for one engine step of a session: round 1 at begin, then one per authenticated round message it
/// feeds to the party (under the span of the broker delivery that brought it, so every node's rounds sit in the trace
/// of the request). Identifiers only: node, session, wallet, kind, round.
/// </summary>
internal static class RoundSpans
{
    public static Activity? Start(string nodeId, NodeSession session, int round) =>
        ActivitySources.Node.StartActivity(
            "mpc round",
            ActivityKind.Internal,
            default(ActivityContext),
            [
                new("mpcwallet.node.id", nodeId),
                new("mpcwallet.session.id", session.Key),
                new("mpcwallet.wallet.id", session.WalletId),
                new("mpcwallet.session.kind", session.Kind.ToString()),
                new("mpcwallet.round", round),
            ]);
}
