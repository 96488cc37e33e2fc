namespace MpcWallet.Client.Wallets;

/// <summary>A derived address of a wallet (api.md "Derived addresses").</summary>
/// <param name="Path">The canonical path, e.g. "m/0/7".</param>
/// <param name="PublicKey">0x + the child's 33-byte compressed public key.</param>
/// <param name="Address">The child's EIP-55 address.</param>
public sealed record WalletAddress(string Path, string PublicKey, string Address);
