using MpcWallet.Mpc.Channel;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Tests.Support;

namespace MpcWallet.Mpc.Tests.Channel;

/// <summary>
/// Three nodes (parties 1..3) with seeded identities, one shared directory and a protector each: session-bound
/// protectors from exchanged session key offers, or (<c>sessionKeys: false</c>) the static-key protectors.
/// </summary>
internal sealed class ChannelFixture : IDisposable
{
    public ChannelFixture(int seed = 7, bool sessionKeys = true)
    {
        var random = new SeededRandomSource(seed);
        Identities = Enumerable.Range(1, 3).ToDictionary(i => i, _ => NodeIdentity.Generate(random));
        Directory = new PeerDirectory(Identities.ToDictionary(p => p.Key, p => p.Value.Public));
        Session = SessionId.Random(random);
        OtherSession = SessionId.Random(random);
        Random = random;
        Protectors = sessionKeys
            ? ExchangeOffers(Session, random, out _)
            : Identities.ToDictionary(p => p.Key, p => new ChannelProtector(p.Value, p.Key, Directory));
    }

    public Dictionary<int, NodeIdentity> Identities { get; }

    public PeerDirectory Directory { get; }

    public Dictionary<int, ChannelProtector> Protectors { get; }

    public SessionId Session { get; }

    public SessionId OtherSession { get; }

    public SeededRandomSource Random { get; }

    public byte[] RandomPayload(int length)
    {
        var payload = new byte[length];
        Random.Fill(payload);
        return payload;
    }

    public SealedProtocolMessage SealDirect(int from, int to, int round = 1, byte[]? payload = null, SessionId? session = null) =>
        Protectors[from].Seal(new ProtocolMessage(session ?? Session, round, from, to, payload ?? RandomPayload(100)));

    public SealedProtocolMessage SealBroadcast(int from, int round = 1, byte[]? payload = null, SessionId? session = null) =>
        Protectors[from].Seal(new ProtocolMessage(session ?? Session, round, from, null, payload ?? RandomPayload(100)));

    /// <summary>Runs the prepare/begin exchange for <paramref name="session"/>: every node offers, every node accepts all offers.</summary>
    public Dictionary<int, ChannelProtector> ExchangeOffers(SessionId session, Mpc.Randomness.IRandomSource random, out Dictionary<int, byte[]> offers)
    {
        var agreements = Identities.ToDictionary(p => p.Key, p => new SessionKeyAgreement(p.Value, p.Key, Directory, session, random));
        var relayed = agreements.ToDictionary(a => a.Key, a => a.Value.Offer.Encode());
        offers = relayed;
        try
        {
            return agreements.ToDictionary(a => a.Key, a => a.Value.Accept(relayed));
        }
        finally
        {
            foreach (var agreement in agreements.Values)
            {
                agreement.Dispose();
            }
        }
    }

    public void Dispose()
    {
        foreach (var protector in Protectors.Values)
        {
            protector.Dispose();
        }

        foreach (var identity in Identities.Values)
        {
            identity.Dispose();
        }
    }
}
