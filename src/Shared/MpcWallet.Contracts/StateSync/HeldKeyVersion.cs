namespace MpcWallet.Contracts.StateSync;

/// <summary>One wallet key version a node holds a sealed share of.</summary>
public sealed record HeldKeyVersion(string WalletId, uint KeyVersion);
