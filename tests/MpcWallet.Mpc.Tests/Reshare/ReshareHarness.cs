using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Reshare;
using MpcWallet.Mpc.Tests.Keygen;
using MpcWallet.Mpc.Tests.Support;

namespace MpcWallet.Mpc.Tests.Reshare;

/// <summary>
/// Runs reshares in process with seeded randomness. Tests name nodes 1..16 and use the node number as the session
/// index; a node's old index is its key share's index, its new index its position in the new holder list.
/// </summary>
internal static class ReshareHarness
{
    public static ReshareKeyReference ReferenceOf(KeyShare share) => new(share.PublicKey, share.RootChainCode, share.KeyId, share.Generation);

    /// <param name="holdings">node → its current share (nodes that hold one).</param>
    /// <param name="dealers">nodes that deal (must hold a share).</param>
    /// <param name="newHolders">nodes of the new key, in new-index order.</param>
    public static ReshareRoster Roster(IReadOnlyDictionary<int, KeyShare> holdings, IReadOnlyList<int> dealers, IReadOnlyList<int> newHolders, int newThreshold) =>
        new(newThreshold, dealers.Union(newHolders).Order().Select(node => new ReshareParticipant(
            node,
            dealers.Contains(node) ? holdings[node].Self : null,
            newHolders.Contains(node) ? newHolders.ToList().IndexOf(node) + 1 : null)).ToArray());

    public static KeyReshareParty[] Parties(SessionId session, ReshareRoster roster, IReadOnlyDictionary<int, KeyShare> holdings, ReshareKeyReference reference, int seed) =>
        roster.Participants.Select(p => p.Deals
                ? new KeyReshareParty(session, p.Party, roster, holdings[p.Party], new SeededRandomSource((seed * 100) + p.Party))
                : new KeyReshareParty(session, p.Party, roster, reference, new SeededRandomSource((seed * 100) + p.Party)))
            .ToArray();

    public static IReadOnlyDictionary<int, ReshareResult> Run(
        IReadOnlyDictionary<int, KeyShare> holdings, IReadOnlyList<int> dealers, IReadOnlyList<int> newHolders, int newThreshold, int seed, List<ProtocolMessage>? transcript = null)
    {
        var roster = Roster(holdings, dealers, newHolders, newThreshold);
        var reference = ReferenceOf(holdings.Values.First());
        return ProtocolRunner.Run(Parties(KeygenHarness.Session(seed), roster, holdings, reference, seed), shuffleSeed: seed, transcript: transcript);
    }

    /// <summary>The new shares by node.</summary>
    public static Dictionary<int, KeyShare> NewShares(IReadOnlyDictionary<int, ReshareResult> results) =>
        results.Where(r => r.Value.Share is not null).ToDictionary(r => r.Key, r => r.Value.Share!);

    /// <summary>The new shares keyed by their new index (for the keygen helpers that expect index-keyed shares).</summary>
    public static Dictionary<int, KeyShare> ByIndex(IReadOnlyDictionary<int, KeyShare> sharesByNode) =>
        sharesByNode.Values.ToDictionary(s => s.Self);
}
