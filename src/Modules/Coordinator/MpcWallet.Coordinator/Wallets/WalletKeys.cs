using MpcWallet.Coordinator.Persistence;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Derivation;

namespace MpcWallet.Coordinator.Wallets;

/// <summary>
/// The public side of an active wallet's key tree: its root extended public key (BIP32 "xpub", depth 0) and the
/// non-hardened children below it. Only public data is involved; the signers apply the same derivation to their
/// shares (<see cref="KeyDerivation"/>), so a child address computed here is the one a signature at that path recovers to.
/// </summary>
internal static class WalletKeys
{
    /// <summary>The root xpub, or null while the wallet has no key yet.</summary>
    public static string? ExtendedPublicKeyOf(WalletRecord wallet) =>
        Root(wallet)?.Encode();

    /// <summary>The compressed public key and address at <paramref name="path"/> (the wallet must be active).</summary>
    public static (byte[] PublicKey, EthereumAddress Address) Child(WalletRecord wallet, IReadOnlyList<uint> path)
    {
        var root = Root(wallet) ?? throw new InvalidOperationException($"wallet {wallet.Id} has no key yet");
        var key = root.Derive(path).PublicKey.Encode();
        return (key, EthereumAddress.FromPublicKey(key));
    }

    private static ExtendedPublicKey? Root(WalletRecord wallet) =>
        wallet is { Status: WalletStatus.Active, PublicKey: { } publicKey, ChainCode: { } chainCode }
            ? ExtendedPublicKey.Root(Point.Decode(Convert.FromHexString(publicKey[2..])), Convert.FromHexString(chainCode[2..]))
            : null;
}
