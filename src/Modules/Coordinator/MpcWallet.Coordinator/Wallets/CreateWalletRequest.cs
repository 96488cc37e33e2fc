namespace MpcWallet.Coordinator.Wallets;

/// <summary>
/// Body of <c>POST /v1/wallets</c>; every member is optional (threshold and parties default to 2 and 3, raw digests
/// are refused unless <see cref="AllowRawDigest"/> is true).
/// </summary>
internal sealed record CreateWalletRequest(string? Label = null, int? Threshold = null, int? Parties = null, bool? AllowRawDigest = null);
