using MpcWallet.Mpc.Protocol;

namespace MpcWallet.Mpc.Tests.Support;

/// <summary>
/// Runs all parties of one protocol in process: delivers broadcasts to every other party and direct messages to their
/// recipient, optionally in a seeded random order and through a tampering hook (return null to drop a delivery).
/// </summary>
internal static class ProtocolRunner
{
    public delegate ProtocolMessage? Interceptor(ProtocolMessage message, int recipient);

    public static IReadOnlyDictionary<int, TOutput> Run<TOutput>(
        IReadOnlyList<IProtocolParty<TOutput>> parties,
        Interceptor? intercept = null,
        int? shuffleSeed = null,
        List<ProtocolMessage>? transcript = null)
        where TOutput : class
    {
        var byId = parties.ToDictionary(p => p.Self);
        var pending = new List<(ProtocolMessage Message, int Recipient)>();
        var order = shuffleSeed is { } seed ? new Random(seed) : null;

        void Enqueue(IEnumerable<ProtocolMessage> messages)
        {
            foreach (var message in messages)
            {
                transcript?.Add(message);
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
            var delivered = intercept is null ? message : intercept(message, recipient);
            if (delivered is null)
            {
                continue;
            }

            Enqueue(byId[recipient].Receive(delivered));
        }

        var incomplete = parties.Where(p => !p.IsComplete).Select(p => p.Self).ToArray();
        if (incomplete.Length > 0)
        {
            throw new InvalidOperationException($"parties {string.Join(",", incomplete)} did not complete");
        }

        return parties.ToDictionary(p => p.Self, p => p.Output);
    }
}
