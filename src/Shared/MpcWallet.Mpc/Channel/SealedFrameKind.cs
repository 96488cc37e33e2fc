namespace MpcWallet.Mpc.Channel;

/// <summary>The second byte of a sealed message: how its body is protected.</summary>
internal enum SealedFrameKind : byte
{
    /// <summary>Payload in the clear, Ed25519 signature appended.</summary>
    Broadcast = 1,

    /// <summary>ChaCha20-Poly1305 ciphertext and tag under the sender→recipient key.</summary>
    Direct = 2,
}
