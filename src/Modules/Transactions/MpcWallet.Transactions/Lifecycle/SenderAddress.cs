using MpcWallet.Ethereum.Addresses;
using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Derivation;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Lifecycle;

/// <summary>
/// The address a transaction is sent from: the wallet's root address, or the non-hardened BIP32 child of its root
/// public key and chain code at the request's path (public derivation, the same the signers apply to their shares, so
/// the coordinator's signature for that path recovers to this address; <see cref="AttemptSigner"/> checks it does).
/// </summary>
internal static class SenderAddress
{
    public static (EthereumAddress? Address, string? Problem) Of(WalletRecord wallet, IReadOnlyList<uint> path)
    {
        if (path.Count == 0)
        {
            return (EthereumAddress.Parse(wallet.Address), null);
        }

        if (wallet.ChainCode is null)
        {
            return (null, $"wallet {wallet.Id} was announced to the transaction service without its chain code (before derived addresses existed); it sends from its root address only");
        }

        try
        {
            var root = ExtendedPublicKey.Root(Point.Decode(HexBytesOf(wallet.PublicKey)), HexBytesOf(wallet.ChainCode));
            return (EthereumAddress.FromPublicKey(root.Derive(path).PublicKey.Encode()), null);
        }
        catch (InvalidChildIndexException e)
        {
            return (null, e.Message);
        }
    }

    private static byte[] HexBytesOf(string hex) => Convert.FromHexString(hex.StartsWith("0x", StringComparison.Ordinal) ? hex[2..] : hex);
}
