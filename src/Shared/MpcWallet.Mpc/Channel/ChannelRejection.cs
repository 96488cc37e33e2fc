namespace MpcWallet.Mpc.Channel;

/// <summary>
/// Why the channel refused a message. Only for counting dropped messages per reason; none of these reasons blames
/// the claimed sender, because a relay can produce every one of them.
/// </summary>
public enum ChannelRejection
{
    /// <summary>The bytes are not a well-formed sealed message of a supported version.</summary>
    Malformed = 1,

    /// <summary>The message belongs to another session than the one the caller expects.</summary>
    WrongSession = 2,

    /// <summary>The claimed sender is not in the directory, or is this node itself.</summary>
    UnknownSender = 3,

    /// <summary>A direct message addressed to another party.</summary>
    WrongRecipient = 4,

    /// <summary>The transport's envelope (session, round, sender, recipient) differs from the authenticated header.</summary>
    EnvelopeMismatch = 5,

    /// <summary>A broadcast whose Ed25519 signature does not verify under the claimed sender's key.</summary>
    InvalidSignature = 6,

    /// <summary>A direct message whose ChaCha20-Poly1305 tag does not verify under the sender→recipient key.</summary>
    InvalidCiphertext = 7,
}
