namespace MpcWallet.Contracts.Rounds;

/// <summary>A round message sealed by the channel layer for one recipient node.</summary>
public sealed record SealedCopy(string Recipient, byte[] Sealed);
