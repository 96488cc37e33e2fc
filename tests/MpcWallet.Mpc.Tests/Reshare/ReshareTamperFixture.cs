using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Reshare;
using MpcWallet.Mpc.Tests.Keygen;

namespace MpcWallet.Mpc.Tests.Reshare;

/// <summary>
/// The reshare every tamper case runs: a 2-of-3 key on nodes 1..3 reshared 2-of-3 to nodes {1, 2, 4} by dealers
/// {1, 2, 3}. Every role occurs: party 1 and 2 deal and receive (new indices 1, 2), party 3 only deals (it is
/// removed), party 4 only receives (new index 3, added). Also one honest run's transcript for decoding tests.
/// </summary>
public sealed class ReshareTamperFixture
{
    public const int KeygenSeed = 61;
    public const int TranscriptSeed = 62;

    public ReshareTamperFixture()
    {
        Holdings = KeygenHarness.RunKeygen(2, 3, KeygenSeed);
        Roster = ReshareHarness.Roster(Holdings, Dealers, NewHolders, 2);
        Reference = ReshareHarness.ReferenceOf(Holdings[1]);
        var transcript = new List<ProtocolMessage>();
        Results = Support.ProtocolRunner.Run(Parties(KeygenHarness.Session(TranscriptSeed), TranscriptSeed), transcript: transcript);
        Transcript = transcript;
    }

    public static int[] Dealers => [1, 2, 3];

    public static int[] NewHolders => [1, 2, 4];

    internal IReadOnlyDictionary<int, KeyShare> Holdings { get; }

    internal ReshareRoster Roster { get; }

    internal ReshareKeyReference Reference { get; }

    internal IReadOnlyDictionary<int, ReshareResult> Results { get; }

    internal IReadOnlyList<ProtocolMessage> Transcript { get; }

    internal KeyReshareParty[] Parties(SessionId session, int seed) => ReshareHarness.Parties(session, Roster, Holdings, Reference, seed);

    internal KeyReshareParty Party(int party, SessionId session, int seed) => Parties(session, seed).Single(p => p.Self == party);
}
