namespace MpcWallet.Coordinator.Sessions;

/// <summary>How a session ended: success, or a failure with the nodes suspected of causing it (avoided next time).</summary>
internal sealed record SessionOutcome(bool Succeeded, string? Failure, IReadOnlyList<string> Suspects)
{
    public static SessionOutcome Success { get; } = new(true, null, []);

    public static SessionOutcome Failed(string reason, params string[] suspects) => new(false, reason, suspects);
}
