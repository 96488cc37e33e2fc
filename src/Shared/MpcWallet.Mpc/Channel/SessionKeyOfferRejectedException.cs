namespace MpcWallet.Mpc.Channel;

/// <summary>
/// <see cref="SessionKeyAgreement.Accept"/> refused the offers: the session cannot get channel keys. <see cref="Party"/>
/// names the party whose offer failed. Offers travel through the coordinator, so this is evidence that the offer was
/// forged or substituted somewhere on the way, not that the named party misbehaved: refuse the session, count it,
/// alert; do not ban the party for it.
/// </summary>
public sealed class SessionKeyOfferRejectedException : Exception
{
    public SessionKeyOfferRejectedException(int party, SessionKeyOfferRejection reason, string message)
        : base($"session key offer of party {party} refused ({reason}): {message}")
    {
        Party = party;
        Reason = reason;
    }

    public SessionKeyOfferRejectedException(int party, SessionKeyOfferRejection reason, string message, Exception innerException)
        : base($"session key offer of party {party} refused ({reason}): {message}", innerException)
    {
        Party = party;
        Reason = reason;
    }

    public SessionKeyOfferRejectedException()
        : base("session key offer refused")
    {
    }

    public SessionKeyOfferRejectedException(string message)
        : base(message)
    {
    }

    public SessionKeyOfferRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Party { get; }

    public SessionKeyOfferRejection Reason { get; }
}
