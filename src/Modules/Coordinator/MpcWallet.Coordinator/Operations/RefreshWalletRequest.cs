namespace MpcWallet.Coordinator.Operations;

/// <summary>The body of <c>POST /v1/wallets/{id}/refresh</c>: optional and without members (a refresh has no parameters).</summary>
internal sealed record RefreshWalletRequest;
