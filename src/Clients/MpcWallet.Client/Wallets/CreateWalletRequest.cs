namespace MpcWallet.Client.Wallets;

/// <summary>
/// A new wallet: <see cref="Threshold"/> of <see cref="Parties"/> nodes must sign (server defaults 2 and 3).
/// <see cref="AllowRawDigest"/>: whether it signs raw digests (<see cref="Signatures.SignatureRequest.Digest"/>),
/// whose content no node can check; the server's default is no, and it cannot be changed later.
/// </summary>
public sealed record CreateWalletRequest(string Label, int? Threshold = null, int? Parties = null, bool? AllowRawDigest = null);
