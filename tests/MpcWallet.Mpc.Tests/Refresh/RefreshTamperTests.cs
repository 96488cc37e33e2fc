using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Tests.Keygen;

namespace MpcWallet.Mpc.Tests.Refresh;

public sealed class RefreshTamperTests(KeygenFixture fixture) : IClassFixture<KeygenFixture>
{
    public static TheoryData<string> FlipNames => [.. KeygenTamperCases.Flips(refresh: true).Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(FlipNames))]
    public void A_flipped_byte_in_a_refresh_message_is_detected_and_attributed(string name)
    {
        var tamper = KeygenTamperCases.Flips(refresh: true).Single(c => c.Name == name);
        var outcome = TamperRun.Execute(tamper, Create, seed: 80 + name.Length);
        TamperRun.AssertVerdicts(tamper, outcome);
    }

    [Fact]
    public void Another_coefficient_point_in_a_refresh_is_blamed_on_the_sender()
    {
        var tamper = new TamperCase(
            "refresh K2b another constant term",
            2,
            false,
            c => KeygenTamperCases.Coefficients(c, m => new(m.SessionDigest, [m.CoefficientCommitments[0] + Mpc.Curve.Point.Generator, m.CoefficientCommitments[1]], m.Salt, m.Proofs, null), refresh: true),
            [(AbortChecks.CommitmentMismatch, TamperCase.Sender)]);
        TamperRun.AssertVerdicts(tamper, TamperRun.Execute(tamper, Create, seed: 99));
    }

    private IReadOnlyList<IProtocolParty<KeyShare>> Create(SessionId session) =>
        KeygenHarness.RefreshParties(session, fixture.Shares, session.Span[0]);
}
