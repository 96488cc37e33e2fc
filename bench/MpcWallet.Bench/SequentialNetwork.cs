using System.Diagnostics;
using MpcWallet.Mpc.Protocol;

namespace MpcWallet.Bench;

/// <summary>
/// Runs every party of one protocol run in this process, one after another, passing payloads in memory. Counts the
/// payload bytes each party sends (a broadcast counts once per receiver, as on a point-to-point transport) and the
/// compute time each party spends per round, so the critical path (slowest party per round, summed) can be reported.
/// </summary>
internal sealed class SequentialNetwork
{
    private readonly Dictionary<int, long> _bytesSent = [];
    private readonly Dictionary<(int Party, int Round), double> _compute = [];

    public long TotalBytesSent => _bytesSent.Values.Sum();

    public double CriticalPathMs => _compute.GroupBy(c => c.Key.Round).Sum(g => g.Max(c => c.Value));

    /// <summary>Compute time per round (0 = Start) summed over the parties, in milliseconds.</summary>
    public Dictionary<int, double> ComputeByRound() => _compute.GroupBy(c => c.Key.Round).ToDictionary(g => g.Key, g => g.Sum(c => c.Value));

    public IReadOnlyDictionary<int, TOutput> Run<TOutput>(IReadOnlyList<IProtocolParty<TOutput>> parties)
        where TOutput : class
    {
        var byId = parties.ToDictionary(p => p.Self);
        var queue = new Queue<(ProtocolMessage Message, int Recipient)>();

        void Send(IEnumerable<ProtocolMessage> messages)
        {
            foreach (var message in messages)
            {
                var recipients = message.To is { } to ? [to] : byId.Keys.Where(id => id != message.From).ToArray();
                foreach (var recipient in recipients)
                {
                    _bytesSent[message.From] = _bytesSent.GetValueOrDefault(message.From) + message.Payload.Length;
                    queue.Enqueue((message, recipient));
                }
            }
        }

        foreach (var party in parties)
        {
            Send(Timed(party, party.Start));
        }

        while (queue.Count > 0)
        {
            var (message, recipient) = queue.Dequeue();
            var party = byId[recipient];
            Send(Timed(party, () => party.Receive(message)));
        }

        return parties.ToDictionary(p => p.Self, p => p.Output);
    }

    private IReadOnlyList<ProtocolMessage> Timed<TOutput>(IProtocolParty<TOutput> party, Func<IReadOnlyList<ProtocolMessage>> step)
        where TOutput : class
    {
        var round = party.Round;
        var start = Stopwatch.GetTimestamp();
        var result = step();
        var key = (party.Self, round);
        _compute[key] = _compute.GetValueOrDefault(key) + Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return result;
    }
}
