using MpcWallet.Mpc.Curve;

namespace MpcWallet.Mpc.Derivation;

/// <summary>
/// The result of non-hardened BIP32 derivation along a path: the total additive tweak δ (child private key =
/// parent private key + δ), the child public key and the child chain code. Derived from public data only.
/// </summary>
public sealed class DerivedKey
{
    internal DerivedKey(Scalar tweak, Point publicKey, byte[] chainCode)
    {
        Tweak = tweak;
        PublicKey = publicKey;
        ChainCode = chainCode;
    }

    /// <summary>δ = Σ IL over the path steps, mod q.</summary>
    public Scalar Tweak { get; }

    public Point PublicKey { get; }

    public byte[] ChainCode { get; }
}
