namespace MpcWallet.Mpc.Channel;

/// <summary>Why <see cref="SessionKeyAgreement.Accept"/> refused the offers of a session (see <see cref="SessionKeyOfferRejectedException"/>).</summary>
public enum SessionKeyOfferRejection
{
    /// <summary>The bytes are not a well-formed offer (length, version, party, ephemeral key).</summary>
    Malformed = 1,

    /// <summary>The offer relayed for one party names another party.</summary>
    WrongParty = 2,

    /// <summary>The signature does not verify under the identity pinned for that party over this session and participant set.</summary>
    InvalidSignature = 3,

    /// <summary>No offer for a participant.</summary>
    Missing = 4,

    /// <summary>An offer for a party that is not a participant.</summary>
    NotAParticipant = 5,

    /// <summary>The offer relayed as this node's own is not the one it made.</summary>
    NotOwnOffer = 6,
}
