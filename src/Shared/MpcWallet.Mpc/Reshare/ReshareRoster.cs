using MpcWallet.Mpc.KeyShares;

namespace MpcWallet.Mpc.Reshare;

/// <summary>
/// Who does what in one reshare: the dealers (old holders, at least the old threshold of them), the new holders
/// (new indices exactly 1..n′) and the new threshold t′. Every participant hashes the roster into the session digest,
/// so parties given different rosters abort at the first digest check. Validated on construction; the checks that
/// need the old key (old indices within 1..n, at least t dealers) run against the key share or, for a new holder
/// without one, against the dealers' view of the key in round 1.
/// </summary>
public sealed class ReshareRoster
{
    public ReshareRoster(int newThreshold, IReadOnlyList<ReshareParticipant> participants)
    {
        ArgumentNullException.ThrowIfNull(participants);
        var ordered = participants.OrderBy(p => p.Party).ToArray();
        if (ordered.Any(p => p is null))
        {
            throw new ArgumentException("null participant", nameof(participants));
        }

        if (ordered.Select(p => p.Party).Distinct().Count() != ordered.Length || ordered.Any(p => p.Party < 1 || p.Party > KeyShare.MaxParties))
        {
            throw new ArgumentException($"session indices must be distinct and within 1..{KeyShare.MaxParties}", nameof(participants));
        }

        if (ordered.Any(p => !p.Deals && !p.Receives))
        {
            throw new ArgumentException("every participant deals, receives a new share, or both", nameof(participants));
        }

        var oldIndices = ordered.Where(p => p.Deals).Select(p => p.OldIndex!.Value).ToArray();
        if (oldIndices.Length < 2 || oldIndices.Distinct().Count() != oldIndices.Length || oldIndices.Any(i => i < 1 || i > KeyShare.MaxParties))
        {
            throw new ArgumentException($"need at least two dealers with distinct old indices within 1..{KeyShare.MaxParties}", nameof(participants));
        }

        var newIndices = ordered.Where(p => p.Receives).Select(p => p.NewIndex!.Value).Order().ToArray();
        if (!newIndices.SequenceEqual(Enumerable.Range(1, newIndices.Length)))
        {
            throw new ArgumentException("new indices must be exactly 1..n′", nameof(participants));
        }

        if (newThreshold < 2 || newThreshold > newIndices.Length || newIndices.Length > KeyShare.MaxParties)
        {
            throw new ArgumentException("need 2 ≤ t′ ≤ n′ ≤ 16", nameof(newThreshold));
        }

        NewThreshold = newThreshold;
        NewPartyCount = newIndices.Length;
        Participants = ordered;
        Dealers = ordered.Where(p => p.Deals).Select(p => p.Party).ToArray();
        NewHolders = ordered.Where(p => p.Receives).OrderBy(p => p.NewIndex).Select(p => p.Party).ToArray();
        DealerOldIndices = oldIndices;
    }

    public int NewThreshold { get; }

    public int NewPartyCount { get; }

    /// <summary>Ascending by session index.</summary>
    public IReadOnlyList<ReshareParticipant> Participants { get; }

    /// <summary>Session indices of the dealers, ascending.</summary>
    public IReadOnlyList<int> Dealers { get; }

    /// <summary>Session indices of the new holders, in new-index order (entry k − 1 has new index k).</summary>
    public IReadOnlyList<int> NewHolders { get; }

    /// <summary>The old indices of the dealers, ascending by session index: the Lagrange set of their shares.</summary>
    public IReadOnlyList<int> DealerOldIndices { get; }

    public ReshareParticipant Participant(int party) =>
        Participants.FirstOrDefault(p => p.Party == party) ?? throw new ArgumentOutOfRangeException(nameof(party), $"party {party} is not in the roster");

    public bool Deals(int party) => Participant(party).Deals;

    public bool Receives(int party) => Participant(party).Receives;

    public int OldIndexOf(int party) => Participant(party).OldIndex ?? throw new ArgumentException($"party {party} does not deal");

    public int NewIndexOf(int party) => Participant(party).NewIndex ?? throw new ArgumentException($"party {party} receives no new share");

    /// <summary>The session index of the new holder with new index <paramref name="newIndex"/>.</summary>
    public int PartyWithNewIndex(int newIndex) => NewHolders[newIndex - 1];
}
