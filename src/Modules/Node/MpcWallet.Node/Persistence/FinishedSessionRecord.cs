namespace MpcWallet.Node.Persistence;

/// <summary>A session this node finished (completed or aborted); its id is never accepted again (replay guard).</summary>
internal sealed class FinishedSessionRecord
{
    public required string SessionId { get; set; }

    public required string Kind { get; set; }

    public required string Outcome { get; set; }

    public required DateTimeOffset FinishedAt { get; set; }
}
