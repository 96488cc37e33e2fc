namespace MpcWallet.Mpc.Tests.Reshare;

public sealed class ReshareTamperTests(ReshareTamperFixture fixture) : IClassFixture<ReshareTamperFixture>
{
    public static TheoryData<string> FlipNames => [.. ReshareTamperCases.Flips().Select(c => c.Name)];

    public static TheoryData<string> WrongValueNames => [.. ReshareTamperCases.WrongValues().Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(FlipNames))]
    public void A_flipped_byte_is_detected_and_attributed(string name)
    {
        var tamper = ReshareTamperCases.Flips().Single(c => c.Name == name);
        ReshareTamperRun.AssertVerdicts(tamper, ReshareTamperRun.Execute(fixture, tamper, seed: 100 + name.Length));
    }

    [Theory]
    [MemberData(nameof(WrongValueNames))]
    public void A_well_formed_wrong_value_is_detected_and_attributed(string name)
    {
        var tamper = ReshareTamperCases.WrongValues().Single(c => c.Name == name);
        ReshareTamperRun.AssertVerdicts(tamper, ReshareTamperRun.Execute(fixture, tamper, seed: 140 + name.Length));
    }
}
