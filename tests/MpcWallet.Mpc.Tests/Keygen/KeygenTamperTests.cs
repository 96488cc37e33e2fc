using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Protocol;

namespace MpcWallet.Mpc.Tests.Keygen;

public sealed class KeygenTamperTests
{
    public static TheoryData<string> FlipNames => [.. KeygenTamperCases.Flips(refresh: false).Select(c => c.Name)];

    public static TheoryData<string> WrongValueNames => [.. KeygenTamperCases.WrongValues().Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(FlipNames))]
    public void A_flipped_byte_is_detected_and_attributed(string name)
    {
        var tamper = KeygenTamperCases.Flips(refresh: false).Single(c => c.Name == name);
        var outcome = TamperRun.Execute(tamper, Create, seed: 40 + name.Length);
        TamperRun.AssertVerdicts(tamper, outcome);
    }

    [Theory]
    [MemberData(nameof(WrongValueNames))]
    public void A_well_formed_wrong_value_is_detected_and_attributed(string name)
    {
        var tamper = KeygenTamperCases.WrongValues().Single(c => c.Name == name);
        var outcome = TamperRun.Execute(tamper, Create, seed: 60 + name.Length);
        TamperRun.AssertVerdicts(tamper, outcome);
    }

    internal static IReadOnlyList<IProtocolParty<KeyShare>> Create(SessionId session) =>
        KeygenHarness.KeygenParties(session, 2, 3, session.Span[0]);
}
