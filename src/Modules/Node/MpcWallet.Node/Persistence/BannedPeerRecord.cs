namespace MpcWallet.Node.Persistence;

/// <summary>A peer the engine blamed with a ban recommendation: refused in further sessions for the wallet.</summary>
internal sealed class BannedPeerRecord
{
    public required string WalletId { get; set; }

    public required string PeerNode { get; set; }

    public required string CheckName { get; set; }

    public required string SessionId { get; set; }

    public required DateTimeOffset BannedAt { get; set; }
}
