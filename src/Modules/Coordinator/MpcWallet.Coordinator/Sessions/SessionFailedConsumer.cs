using MassTransit;
using MpcWallet.Contracts.StateSync;

namespace MpcWallet.Coordinator.Sessions;

/// <summary>A participant's engine aborted the session: fail it now (naming the culprit) instead of waiting it out.</summary>
internal sealed class SessionFailedConsumer(ActiveSessions sessions) : IConsumer<SessionFailed>
{
    public Task Consume(ConsumeContext<SessionFailed> context)
    {
        var failure = context.Message;
        var session = sessions.Find(failure.SessionId ?? "");
        if (session is null || failure.Node is null || !session.Participants.Contains(failure.Node))
        {
            sessions.CountIgnored();
            return Task.CompletedTask;
        }

        var culprit = failure.Culprit is { } c && session.Participants.Contains(c) ? c : null;
        var blame = culprit is null ? "no culprit named" : $"culprit {culprit}{(failure.Banned ? ", banned" : "")}";
        session.Fail($"node {failure.Node} aborted: {failure.Check} ({blame})", culprit is null ? [] : [culprit]);
        return Task.CompletedTask;
    }
}
