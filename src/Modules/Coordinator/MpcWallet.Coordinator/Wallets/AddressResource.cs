namespace MpcWallet.Coordinator.Wallets;

/// <summary>A derived address of a wallet (api.md): the path, the child's compressed public key and its address.</summary>
internal sealed record AddressResource(string Path, string PublicKey, string Address);
