using MpcWallet.Coordinator.Persistence;

namespace MpcWallet.Coordinator.Administration;

/// <summary>One session (an attempt) of a signature or key generation: who took part, how it ended, whom it suspected.</summary>
internal sealed record AdminSessionResource(string Id, IReadOnlyList<string> Participants, string Status, string? Failure, IReadOnlyList<string> Suspects, DateTime StartedAt)
{
    public static AdminSessionResource From(SessionRecord session) => new(
        session.Id, session.ParticipantList, session.Status, session.Failure,
        session.Suspects.Length == 0 ? [] : session.Suspects.Split(','), DateTimeOffset.FromUnixTimeMilliseconds(session.StartedAt).UtcDateTime);
}
