namespace MpcWallet.Coordinator.Api;

/// <summary>Body of <c>POST /v1/wallets</c> (threshold and parties default to 2 and 3).</summary>
internal sealed record CreateWalletRequest(string? Label, int? Threshold, int? Parties);
