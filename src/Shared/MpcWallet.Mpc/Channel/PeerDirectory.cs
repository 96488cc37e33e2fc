using MpcWallet.Mpc.KeyShares;

namespace MpcWallet.Mpc.Channel;

/// <summary>
/// Which long-term identity speaks for which party index, as distributed by the coordinator for a key (and so for
/// all of that key's sessions). Indices are 1..<see cref="KeyShare.MaxParties"/>; one identity may not hold two
/// indices, otherwise a relay could replay one index's messages as the other's.
/// </summary>
public sealed class PeerDirectory
{
    private readonly SortedDictionary<int, NodeIdentityPublic> _parties;

    public PeerDirectory(IReadOnlyDictionary<int, NodeIdentityPublic> parties)
    {
        ArgumentNullException.ThrowIfNull(parties);
        if (parties.Count < 2)
        {
            throw new ArgumentException("a directory needs at least two parties", nameof(parties));
        }

        foreach (var (index, identity) in parties)
        {
            ArgumentNullException.ThrowIfNull(identity);
            if (index < 1 || index > KeyShare.MaxParties)
            {
                throw new ArgumentException($"party index {index} outside 1..{KeyShare.MaxParties}", nameof(parties));
            }
        }

        if (parties.Values.Distinct().Count() != parties.Count)
        {
            throw new ArgumentException("one identity appears at two party indices", nameof(parties));
        }

        _parties = new SortedDictionary<int, NodeIdentityPublic>(parties.ToDictionary(p => p.Key, p => p.Value));
    }

    /// <summary>Party indices, ascending.</summary>
    public IReadOnlyList<int> Parties => _parties.Keys.ToArray();

    public NodeIdentityPublic this[int party] =>
        _parties.TryGetValue(party, out var identity) ? identity : throw new KeyNotFoundException($"party {party} is not in the directory");

    public bool TryGet(int party, out NodeIdentityPublic identity) => _parties.TryGetValue(party, out identity!);
}
