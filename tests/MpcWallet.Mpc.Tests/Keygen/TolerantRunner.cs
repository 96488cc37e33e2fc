using MpcWallet.Mpc.Protocol;

namespace MpcWallet.Mpc.Tests.Keygen;

/// <summary>
/// Like <see cref="Support.ProtocolRunner"/>, but a party that aborts is recorded and skipped while the others keep
/// running, so a test can see what every honest party concluded. Deliveries can be rewritten per recipient. Without a
/// shuffle seed delivery is first-in first-out, which lets every party send round r + 1 before it can see anything
/// of round r + 2 (a party that aborts inside one Receive call loses the messages that call had already built).
/// </summary>
internal static class TolerantRunner
{
    public delegate byte[]? Rewrite(ProtocolMessage message, int recipient, IReadOnlyList<ProtocolMessage> sent);

    public static Outcome<TOutput> Run<TOutput>(IReadOnlyList<IProtocolParty<TOutput>> parties, Rewrite? rewrite = null, int? shuffleSeed = null, bool duplicateEveryDelivery = false)
        where TOutput : class
    {
        var byId = parties.ToDictionary(p => p.Self);
        var sent = new List<ProtocolMessage>();
        var pending = new List<(ProtocolMessage Message, int Recipient)>();
        var order = shuffleSeed is { } seed ? new Random(seed) : null;
        var aborts = new Dictionary<int, ProtocolAbortException>();
        var rejections = new List<ProtocolMessageRejectedException>();
        var pendingAtEnd = 0;

        void Enqueue(IEnumerable<ProtocolMessage> messages)
        {
            foreach (var message in messages)
            {
                sent.Add(message);
                var recipients = message.To is { } to ? [to] : byId.Keys.Where(id => id != message.From);
                pending.AddRange(recipients.Select(r => (message, r)));
            }
        }

        foreach (var party in parties)
        {
            Enqueue(party.Start());
        }

        while (pending.Count > 0)
        {
            var index = order?.Next(pending.Count) ?? 0;
            var (message, recipient) = pending[index];
            pending.RemoveAt(index);
            if (aborts.ContainsKey(recipient))
            {
                pendingAtEnd++;
                continue;
            }

            var payload = rewrite?.Invoke(message, recipient, sent) ?? message.Payload;
            try
            {
                var delivery = message with { Payload = payload };
                Enqueue(byId[recipient].Receive(delivery));
                if (duplicateEveryDelivery && !byId[recipient].IsComplete)
                {
                    Enqueue(byId[recipient].Receive(delivery));
                }
            }
            catch (ProtocolAbortException e)
            {
                aborts[recipient] = e;
            }
            catch (ProtocolMessageRejectedException e)
            {
                rejections.Add(e);
            }
        }

        var outputs = parties.Where(p => p.IsComplete).ToDictionary(p => p.Self, p => p.Output);
        var rounds = parties.ToDictionary(p => p.Self, p => p.Round);
        return new Outcome<TOutput>(outputs, aborts, rejections, sent, rounds, pendingAtEnd);
    }

    internal sealed record Outcome<TOutput>(
        IReadOnlyDictionary<int, TOutput> Outputs,
        IReadOnlyDictionary<int, ProtocolAbortException> Aborts,
        IReadOnlyList<ProtocolMessageRejectedException> Rejections,
        IReadOnlyList<ProtocolMessage> Sent,
        IReadOnlyDictionary<int, int> Rounds,
        int Dropped);
}
