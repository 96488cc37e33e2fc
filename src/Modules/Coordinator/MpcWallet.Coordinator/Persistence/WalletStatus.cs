namespace MpcWallet.Coordinator.Persistence;

/// <summary>Wallet states as the API spells them.</summary>
internal static class WalletStatus
{
    public const string Creating = "creating";
    public const string Active = "active";
    public const string Failed = "failed";
}
