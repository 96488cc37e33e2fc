namespace MpcWallet.Coordinator.Sessions;

/// <summary>How a session ended: success, or a failure with the nodes suspected of causing it (avoided next time).</summary>
internal sealed record SessionOutcome(bool Succeeded, string? Failure, IReadOnlyList<string> Suspects)
{
    /// <summary>Nodes a participant refused as banned for the wallet (remembered across requests: <see cref="WalletSuspects"/>).</summary>
    public IReadOnlyList<string> Banned { get; init; } = [];

    /// <summary>A participant refused only because its per-peer budget of unchecked sessions was used up: retry shortly, nobody is at fault.</summary>
    public bool Busy { get; init; }

    /// <summary>
    /// A participant refused the command itself (its pre-image does not hash to its digest, or a raw digest on a wallet
    /// whose policy refuses them): every node checks the same, so retrying with another quorum is pointless.
    /// </summary>
    public bool CommandRefused { get; init; }

    /// <summary>
    /// Every failing participant was unreachable (gRPC Unavailable: down, or its channel still backing off after a
    /// restart): nobody is at fault and nothing ran at those nodes.
    /// </summary>
    public bool Unreachable { get; init; }

    public static SessionOutcome Success { get; } = new(true, null, []);

    public static SessionOutcome Failed(string reason, params string[] suspects) => new(false, reason, suspects);
}
