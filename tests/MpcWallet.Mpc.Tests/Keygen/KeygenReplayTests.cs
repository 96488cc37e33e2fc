using MpcWallet.Mpc.Keygen;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Ot;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Refresh;
using MpcWallet.Mpc.Tests.Support;

namespace MpcWallet.Mpc.Tests.Keygen;

public sealed class KeygenReplayTests(KeygenFixture fixture) : IClassFixture<KeygenFixture>
{
    public static TheoryData<int> Rounds => [1, 2, 3, 4];

    [Theory]
    [MemberData(nameof(Rounds))]
    public void A_message_from_another_session_is_rejected(int round)
    {
        var party = StartedParty(KeygenHarness.Session(501));
        foreach (var message in fixture.KeygenTranscript.Where(m => m.Round == round && m.To is null or 1 && m.From != 1))
        {
            Assert.Throws<ProtocolMessageRejectedException>(() => party.Receive(message));
        }
    }

    [Fact]
    public void A_keygen_message_replayed_into_a_refresh_is_rejected()
    {
        var refresh = new KeyRefreshParty(fixture.RefreshTranscript[0].SessionId, fixture.Shares[1], new SeededRandomSource(7));
        refresh.Start();
        var replay = fixture.KeygenTranscript.First(m => m.Round == 1 && m.From == 2);
        Assert.Throws<ProtocolMessageRejectedException>(() => refresh.Receive(replay));
    }

    [Fact]
    public void A_foreign_payload_under_this_session_envelope_is_blamed_on_its_sender()
    {
        var session = KeygenHarness.Session(502);
        var party = StartedParty(session);
        var foreign = fixture.KeygenTranscript.First(m => m.Round == 1 && m.From == 2);
        var abort = Assert.Throws<ProtocolAbortException>(() => party.Receive(foreign with { SessionId = session }));
        Assert.Equal(2, abort.Culprit);
        Assert.Equal(AbortChecks.MalformedMessage, abort.Check);
    }

    [Fact]
    public void A_duplicate_is_rejected_and_the_run_still_completes()
    {
        var session = KeygenHarness.Session(503);
        var parties = KeygenHarness.KeygenParties(session, 2, 3, 503);
        var outcome = TolerantRunner.Run(parties, duplicateEveryDelivery: true);
        Assert.Equal(3, outcome.Outputs.Count);
        Assert.Empty(outcome.Aborts);

        // Every delivery but the last one of each party was repeated and bounced: as a duplicate, or (when the first
        // copy completed the round) as a message of a finished round.
        Assert.Equal(outcome.Sent.Sum(m => m.To is null ? 2 : 1) - 3, outcome.Rejections.Count);
        Assert.Contains(outcome.Rejections, r => r.Message.Contains("duplicate", StringComparison.Ordinal));
    }

    [Fact]
    public void A_different_but_valid_base_ot_request_only_breaks_the_tamperers_own_seeds()
    {
        // Endemic OT has no check the base-OT sender could run on the receiver's points; a party that sends other
        // valid points only ruins its own extension-sender seeds (docs/engine-keygen.md, "limitations").
        var session = KeygenHarness.Session(504);
        var outcome = TolerantRunner.Run(KeygenHarness.KeygenParties(session, 2, 3, 504), (message, recipient, _) =>
        {
            if (message.From != 2 || message.To != 1 || message.Round != 2)
            {
                return null;
            }

            var original = DkgOtRequestMessage.Decode(TamperContext.BodyOf(message));
            var (_, other) = BaseOt.ReceiverStart(DkgSessionDigest.BaseOtSession(original.SessionDigest, 2, 1), new SeededRandomSource(5));
            return [.. message.Payload[..TamperContext.HeaderLength], .. new DkgOtRequestMessage(original.SessionDigest, other).Encode()];
        });
        Assert.Equal(3, outcome.Outputs.Count);
        var senderSeeds = outcome.Outputs[2].With(1).AsSender;
        var receiverSeeds = outcome.Outputs[1].With(2).AsReceiver;
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => KeyGenerationTests.AssertSeedsCorrelated(senderSeeds, receiverSeeds));
        KeyGenerationTests.AssertSeedsCorrelated(outcome.Outputs[1].With(2).AsSender, outcome.Outputs[2].With(1).AsReceiver);
    }

    private static KeyGenerationParty StartedParty(SessionId session)
    {
        var party = new KeyGenerationParty(session, 1, 2, 3, new SeededRandomSource(9));
        party.Start();
        return party;
    }
}
