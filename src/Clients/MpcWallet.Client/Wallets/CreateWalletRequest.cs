namespace MpcWallet.Client.Wallets;

/// <summary>A new wallet: <see cref="Threshold"/> of <see cref="Parties"/> nodes must sign (server defaults 2 and 3).</summary>
public sealed record CreateWalletRequest(string Label, int? Threshold = null, int? Parties = null);
