using MpcWallet.Mpc.Channel;
using MpcWallet.Mpc.Protocol;

namespace MpcWallet.Mpc.Tests.Channel;

/// <summary>
/// The caller's side of the contract: a hostile relay injects tampered, replayed and redirected copies next to the
/// genuine messages; the nodes drop what the channel or the envelope checks refuse and the run still completes
/// with everyone agreeing, and nobody is blamed.
/// </summary>
public sealed class ChannelWithEngineTests
{
    [Fact]
    public void Tampered_replayed_and_redirected_copies_are_dropped_and_the_run_completes()
    {
        using var f = new ChannelFixture(seed: 31);
        var parties = new[] { 1, 2, 3 }.ToDictionary(i => i, i => new ExchangeParty(f.Session, i, [1, 2, 3]));
        var random = new Random(5);
        var queue = new Queue<(SealedProtocolMessage Message, int Recipient)>();
        var dropped = new Dictionary<ChannelRejection, int>();
        var duplicates = 0;
        var history = new List<(SealedProtocolMessage Message, int Recipient)>();

        void Send(int from, IEnumerable<ProtocolMessage> outbound)
        {
            foreach (var message in outbound)
            {
                var sealedMessage = f.Protectors[from].Seal(message);
                var recipients = message.To is { } to ? [to] : parties.Keys.Where(p => p != from);
                foreach (var recipient in recipients)
                {
                    queue.Enqueue((sealedMessage, recipient));
                }
            }
        }

        foreach (var (index, party) in parties)
        {
            Send(index, party.Start());
        }

        while (queue.Count > 0)
        {
            var (genuine, recipient) = queue.Dequeue();
            var deliveries = new List<(SealedProtocolMessage, int)> { (Flip(genuine, random), recipient), (genuine, recipient) };
            if (genuine.To is { } addressee)
            {
                deliveries.Add((genuine, parties.Keys.First(p => p != addressee && p != genuine.From)));
            }

            if (history.Count > 0)
            {
                deliveries.Add(history[random.Next(history.Count)]);
            }

            history.Add((genuine, recipient));
            foreach (var (delivery, to) in deliveries)
            {
                ProtocolMessage opened;
                try
                {
                    opened = f.Protectors[to].Open(delivery, f.Session);
                }
                catch (ChannelAuthenticationException e)
                {
                    dropped[e.Reason] = dropped.GetValueOrDefault(e.Reason) + 1;
                    continue;
                }

                try
                {
                    Send(to, parties[to].Receive(opened));
                }
                catch (ProtocolMessageRejectedException)
                {
                    duplicates++;
                }
            }
        }

        Assert.All(parties.Values, p => Assert.True(p.IsComplete));
        Assert.Equal(["0B1621"], parties.Values.Select(p => p.Output.Digest).Distinct());

        // 12 genuine deliveries (3 broadcasts x 2 + 6 direct) each preceded by a flipped copy, plus 6 redirected copies:
        // the channel refuses exactly those 18, and the engine refuses the replays of genuine messages
        Assert.Equal(18, dropped.Values.Sum());
        Assert.True(dropped.GetValueOrDefault(ChannelRejection.WrongRecipient) >= 6);
        Assert.True(duplicates > 0);
    }

    private static SealedProtocolMessage Flip(SealedProtocolMessage message, Random random)
    {
        var bytes = (byte[])message.Bytes.Clone();
        bytes[random.Next(bytes.Length)] ^= (byte)random.Next(1, 256);
        return message with { Bytes = bytes };
    }

    /// <summary>One round in which everyone broadcasts a byte and sends each peer a direct "from, to" pair.</summary>
    private sealed class ExchangeParty(SessionId sessionId, int self, int[] participants)
        : RoundBasedParty<ExchangeResult>(sessionId, self, participants, 1)
    {
        protected override RoundShape ShapeOf(int round) => RoundShape.Broadcast | RoundShape.Direct;

        protected override IReadOnlyList<ProtocolMessage> StartProtocol() =>
            [Broadcast([(byte)(Self * 11)]), .. Others.Select(to => Direct(to, [(byte)Self, (byte)to]))];

        protected override IReadOnlyList<ProtocolMessage> CompleteRound(int round, RoundInbox inbox)
        {
            foreach (var (from, body) in inbox.Direct)
            {
                if (!body.SequenceEqual(new[] { (byte)from, (byte)Self }))
                {
                    throw new ProtocolAbortException(from, AbortChecks.MalformedMessage, false, "unexpected direct body");
                }
            }

            var seen = new SortedDictionary<int, byte>(inbox.Broadcasts.ToDictionary(b => b.Key, b => b.Value.Single())) { [Self] = (byte)(Self * 11) };
            SetOutput(new ExchangeResult(Convert.ToHexString([.. seen.Values])));
            return [];
        }

        protected override void EraseSecrets()
        {
        }
    }

    private sealed record ExchangeResult(string Digest);
}
