namespace MpcWallet.Contracts.Events;

/// <summary>
/// Channel <c>events</c>: a proactive refresh completed: every holder stored new shares of the same key and the wallet
/// switched to them (docs/design-lifecycle.md). Public key and address are unchanged.
/// </summary>
public sealed record WalletRefreshed
{
    public required Guid MessageId { get; init; }

    public required string WalletId { get; init; }

    public required string Tenant { get; init; }

    /// <summary>The refresh operation (<c>GET /v1/operations/{id}</c>).</summary>
    public required string OperationId { get; init; }

    /// <summary>The wallet's generation now in use (the API's numbering: 1 at creation).</summary>
    public required long Generation { get; init; }

    public required string PublicKey { get; init; }

    public required string Address { get; init; }

    public required DateTimeOffset At { get; init; }
}
