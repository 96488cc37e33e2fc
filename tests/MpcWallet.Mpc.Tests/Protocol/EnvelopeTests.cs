using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Signing;
using MpcWallet.Mpc.Tests.Signing;
using MpcWallet.Mpc.Tests.Support;

namespace MpcWallet.Mpc.Tests.Protocol;

/// <summary>
/// The envelope rules of <see cref="RoundBasedParty{TOutput}"/>: a message that is not for this party in this
/// session and round is rejected and changes nothing, even when its payload header is consistent with its envelope.
/// The node's channel checks most of these too; the engine must not rely on it (a message wrongly consumed would be
/// blamed on its honest sender by a later check).
/// </summary>
public sealed class EnvelopeTests
{
    private const int Header = RoundBasedParty<PartialSignature>.HeaderLength;

    [Fact]
    public void Messages_not_for_this_party_in_this_session_and_round_are_rejected_and_change_nothing()
    {
        var shares = DealtKeys.Get(3, 5);
        var random = new SeededRandomSource(1301);
        var digest = new byte[32];
        random.Fill(digest);
        var sid = SessionId.Random(random);
        int[] signers = [1, 2, 3];
        var parties = signers.Select(i => new SigningParty(sid, shares[i - 1], signers, digest, [], random)).ToDictionary(p => p.Self);
        var s1 = parties.Values.ToDictionary(p => p.Self, p => p.Start().Single());

        // Round 1 is broadcast only. Party 1 must not take, in place of a signer's S1:
        var victim = parties[1];
        AssertRejected(Forged(s1[2], from: 4), "a non-participant (with a header that matches the forged envelope)");
        AssertRejected(Forged(s1[2], from: 1), "itself");
        AssertRejected(Forged(s1[2], to: 1), "a direct message in a broadcast round");
        AssertRejected(Forged(s1[2], round: 3), "a message two rounds ahead");
        AssertRejected(s1[2] with { SessionId = SessionId.Random(random) }, "another session");

        // Everyone finishes S1; party 2's S2 for party 3 must not be taken by party 1 as party 2's S2 for it.
        var s2 = new List<ProtocolMessage>();
        foreach (var (to, party) in parties)
        {
            foreach (var (from, message) in s1.Where(m => m.Key != to))
            {
                s2.AddRange(party.Receive(message));
            }
        }

        var twoToThree = s2.Single(m => m.From == 2 && m.To == 3);
        AssertRejected(twoToThree, "a direct message addressed to another party");
        AssertRejected(Forged(s1[2], round: 1), "an S1 after round 1 completed");

        // Nothing above was consumed: the genuine S2 messages complete the round, and the whole run still signs.
        Deliver(parties, s2);
        Assert.All(parties.Values, p => Assert.True(p.IsComplete));

        void AssertRejected(ProtocolMessage message, string what)
        {
            var rejection = Record.Exception(() => victim.Receive(message));
            Assert.True(rejection is ProtocolMessageRejectedException, $"{what}: {rejection?.GetType().Name ?? "accepted"}");
        }
    }

    // Rewrites the envelope and the authenticated header inside the payload consistently, as a sender would have.
    private static ProtocolMessage Forged(ProtocolMessage message, int? from = null, int? to = null, int? round = null)
    {
        var payload = (byte[])message.Payload.Clone();
        var newFrom = from ?? message.From;
        var newTo = to ?? message.To;
        var newRound = round ?? message.Round;
        payload[1 + SessionId.Length] = (byte)newRound;
        payload[2 + SessionId.Length] = (byte)newFrom;
        payload[3 + SessionId.Length] = (byte)(newTo ?? 0);
        return message with { From = newFrom, To = newTo, Round = newRound, Payload = payload };
    }

    // Delivers the given direct messages and everything they cause.
    private static void Deliver(Dictionary<int, SigningParty> parties, List<ProtocolMessage> pending)
    {
        var queue = new Queue<ProtocolMessage>(pending);
        while (queue.Count > 0)
        {
            var message = queue.Dequeue();
            foreach (var next in parties[message.To!.Value].Receive(message))
            {
                queue.Enqueue(next);
            }
        }
    }
}
