namespace MpcWallet.Coordinator.Persistence;

/// <summary>
/// A session as every coordinator sees it: purpose, the request it serves, its participants (in party-index order
/// for key generation), and how it ended. It ends once (running → completed or failed, by a conditional update).
/// </summary>
internal sealed class SessionRecord
{
    public required string Id { get; set; }

    public required string Purpose { get; set; }

    public required string ResourceId { get; set; }

    /// <summary>Comma-separated node ids.</summary>
    public required string Participants { get; set; }

    /// <summary>The coordinator instance that started it.</summary>
    public required string Owner { get; set; }

    /// <summary>Unix milliseconds.</summary>
    public required long StartedAt { get; set; }

    public required long ExpiresAt { get; set; }

    public required string Status { get; set; }

    public string? Failure { get; set; }

    /// <summary>Comma-separated ids of the nodes suspected of causing the failure.</summary>
    public required string Suspects { get; set; }

    public IReadOnlyList<string> ParticipantList => Participants.Length == 0 ? [] : Participants.Split(',');
}
