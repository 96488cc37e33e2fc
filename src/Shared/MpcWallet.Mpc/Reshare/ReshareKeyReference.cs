using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Derivation;

namespace MpcWallet.Mpc.Reshare;

/// <summary>
/// What a new holder without a share of the old key knows about it from the wallet's public record: the public key,
/// the root chain code, and the key id and generation of the shares being reshared. The dealers' description of the
/// old key (threshold, public shares) must match it, or the new holder aborts before anything secret is exchanged.
/// </summary>
public sealed class ReshareKeyReference
{
    public ReshareKeyReference(Point publicKey, byte[] rootChainCode, byte[] keyId, uint generation)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        ArgumentNullException.ThrowIfNull(rootChainCode);
        ArgumentNullException.ThrowIfNull(keyId);
        if (publicKey.IsIdentity || rootChainCode.Length != KeyDerivation.ChainCodeLength || keyId.Length != 32)
        {
            throw new ArgumentException("need a non-identity public key, a 32-byte chain code and a 32-byte key id");
        }

        PublicKey = publicKey;
        RootChainCode = rootChainCode.ToArray();
        KeyId = keyId.ToArray();
        Generation = generation;
    }

    public Point PublicKey { get; }

    public byte[] RootChainCode { get; }

    public byte[] KeyId { get; }

    public uint Generation { get; }
}
