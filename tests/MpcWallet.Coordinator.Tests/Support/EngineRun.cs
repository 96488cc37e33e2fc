using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Keygen;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Randomness;
using MpcWallet.Mpc.Signing;

namespace MpcWallet.Coordinator.Tests.Support;

/// <summary>Runs real engine parties in process (the nodes' job in production) to get real shares and partials.</summary>
internal static class EngineRun
{
    public static IReadOnlyDictionary<int, KeyShare> KeyGeneration(int threshold, int parties)
    {
        var session = SessionId.Random(SystemRandomSource.Instance);
        return Run(Enumerable.Range(1, parties).Select(i => (IProtocolParty<KeyShare>)new KeyGenerationParty(session, i, threshold, parties, SystemRandomSource.Instance)).ToArray());
    }

    public static IReadOnlyDictionary<int, PartialSignature> Sign(IReadOnlyDictionary<int, KeyShare> shares, int[] signers, byte[] digest)
    {
        var session = SessionId.Random(SystemRandomSource.Instance);
        return Run(signers.Select(i => (IProtocolParty<PartialSignature>)new SigningParty(session, shares[i], signers, digest, [], SystemRandomSource.Instance)).ToArray());
    }

    private static IReadOnlyDictionary<int, T> Run<T>(IReadOnlyList<IProtocolParty<T>> parties)
        where T : class
    {
        var byIndex = parties.ToDictionary(p => p.Self);
        var pending = new Queue<(ProtocolMessage Message, int To)>();
        void Enqueue(IEnumerable<ProtocolMessage> messages)
        {
            foreach (var m in messages)
            {
                foreach (var to in m.To is { } one ? [one] : byIndex.Keys.Where(k => k != m.From))
                {
                    pending.Enqueue((m, to));
                }
            }
        }

        foreach (var party in parties)
        {
            Enqueue(party.Start());
        }

        while (pending.TryDequeue(out var next))
        {
            Enqueue(byIndex[next.To].Receive(next.Message));
        }

        return parties.ToDictionary(p => p.Self, p => p.Output);
    }
}
