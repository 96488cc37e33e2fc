namespace MpcWallet.Coordinator.Monitoring;

/// <summary>Active wallets held by the same nodes with the same threshold, and how many there are.</summary>
internal sealed record WalletGroup(int Threshold, IReadOnlyList<string> Holders, long Wallets);
