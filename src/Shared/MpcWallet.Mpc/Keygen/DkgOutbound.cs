using System.Security.Cryptography;
using MpcWallet.Mpc.Protocol;

namespace MpcWallet.Mpc.Keygen;

/// <summary>The bodies one DKG step sends: an optional broadcast and direct bodies keyed by recipient.</summary>
internal sealed record DkgOutbound(byte[]? Broadcast, IReadOnlyDictionary<int, byte[]> Direct)
{
    public static DkgOutbound BroadcastOnly(byte[] body) => new(body, new Dictionary<int, byte[]>());

    /// <summary>Seals the bodies with the party's envelope functions and wipes the plain bodies (K3 holds secrets).</summary>
    public IReadOnlyList<ProtocolMessage> ToMessages(Func<byte[], ProtocolMessage> broadcast, Func<int, byte[], ProtocolMessage> direct)
    {
        var messages = new List<ProtocolMessage>(Direct.Count + 1);
        if (Broadcast is not null)
        {
            messages.Add(broadcast(Broadcast));
        }

        foreach (var (to, body) in Direct.OrderBy(d => d.Key))
        {
            messages.Add(direct(to, body));
            CryptographicOperations.ZeroMemory(body);
        }

        return messages;
    }
}
