namespace MpcWallet.Coordinator.Persistence;

/// <summary>
/// One participant's result for a session (a partial signature, or its key-generation report), stored at most once
/// per (session, node) whatever the broker redelivers.
/// </summary>
internal sealed class SessionReportRecord
{
    public required string SessionId { get; set; }

    public required string Node { get; set; }

    /// <summary>Base64 partial signature, or the JSON of a key-generation report.</summary>
    public required string Payload { get; set; }

    /// <summary>Unix milliseconds.</summary>
    public required long ReceivedAt { get; set; }
}
