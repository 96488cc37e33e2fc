using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Reshare;
using MpcWallet.Mpc.Tests.Keygen;
using MpcWallet.Mpc.Tests.Support;

namespace MpcWallet.Mpc.Tests.Reshare;

/// <summary>The reshare checks that need a lying dealer or a misconfigured party rather than a tampered message.</summary>
public sealed class ReshareCheckTests(ReshareTamperFixture fixture) : IClassFixture<ReshareTamperFixture>
{
    [Fact]
    public void A_dealer_whose_constant_term_is_not_its_weighted_share_is_blamed_by_everyone()
    {
        var honest = fixture.Holdings[2];
        var forged = new KeyShare(honest.Threshold, honest.PartyCount, honest.Self, honest.Generation, honest.KeyId, honest.SecretShare + Scalar.One, honest.PublicKey, honest.PublicShares, honest.RootChainCode, honest.Pairwise);
        var holdings = new Dictionary<int, KeyShare>(fixture.Holdings) { [2] = forged };
        var outcome = TolerantRunner.Run(ReshareHarness.Parties(KeygenHarness.Session(70), fixture.Roster, holdings, fixture.Reference, 70));
        foreach (var party in new[] { 1, 3, 4 })
        {
            Assert.Equal(AbortChecks.ReshareConstantTerm, outcome.Aborts[party].Check);
            Assert.Equal(2, outcome.Aborts[party].Culprit);
        }

        Assert.Empty(outcome.Outputs);
    }

    [Fact]
    public void Old_public_shares_that_do_not_give_the_public_key_abort_before_any_sub_share_is_sent()
    {
        // Party 3's share and everyone's record of S_3 are off by one: every constant term matches λ_i·X_i, the sum is not Y.
        var shifted = fixture.Holdings[1].PublicShares.Select((s, k) => k == 2 ? s + Point.Generator : s).ToArray();
        var holdings = fixture.Holdings.ToDictionary(p => p.Key, p => new KeyShare(
            p.Value.Threshold, p.Value.PartyCount, p.Value.Self, p.Value.Generation, p.Value.KeyId, p.Key == 3 ? p.Value.SecretShare + Scalar.One : p.Value.SecretShare,
            p.Value.PublicKey, shifted, p.Value.RootChainCode, p.Value.Pairwise));
        var roster = ReshareHarness.Roster(holdings, [1, 3], [1, 3], 2);
        var outcome = TolerantRunner.Run(ReshareHarness.Parties(KeygenHarness.Session(71), roster, holdings, fixture.Reference, 71));
        foreach (var party in new[] { 1, 3 })
        {
            Assert.Equal(AbortChecks.ResharePublicKey, outcome.Aborts[party].Check);
            Assert.Null(outcome.Aborts[party].Culprit);
        }

        Assert.DoesNotContain(outcome.Sent, m => m.Round == 3);
    }

    [Fact]
    public void Parties_given_different_rosters_abort_without_blame()
    {
        var session = KeygenHarness.Session(72);
        var other = ReshareHarness.Roster(fixture.Holdings, ReshareTamperFixture.Dealers, ReshareTamperFixture.NewHolders, newThreshold: 3);
        var parties = fixture.Parties(session, 72).Select(p => p.Self == 4 ? new KeyReshareParty(session, 4, other, fixture.Reference, new SeededRandomSource(7204)) : p).ToArray();
        var outcome = TolerantRunner.Run(parties);
        Assert.Empty(outcome.Outputs);
        Assert.Equal(4, outcome.Aborts.Count);
        Assert.All(outcome.Aborts.Values, a =>
        {
            Assert.Equal(AbortChecks.SessionDigestMismatch, a.Check);
            Assert.Null(a.Culprit);
        });
    }

    [Fact]
    public void A_new_holder_expecting_another_key_refuses_before_anything_secret_is_exchanged()
    {
        var session = KeygenHarness.Session(73);
        var reference = fixture.Reference;
        var wrong = new ReshareKeyReference(reference.PublicKey, reference.RootChainCode, reference.KeyId, reference.Generation + 1);
        var parties = fixture.Parties(session, 73).Select(p => p.Self == 4 ? new KeyReshareParty(session, 4, fixture.Roster, wrong, new SeededRandomSource(7304)) : p).ToArray();
        var outcome = TolerantRunner.Run(parties);
        Assert.Equal(AbortChecks.ReshareKeyView, outcome.Aborts[4].Check);
        Assert.Null(outcome.Aborts[4].Culprit);
        Assert.Empty(outcome.Outputs);
        Assert.DoesNotContain(outcome.Sent, m => m.Round == 3);
    }

    [Fact]
    public void A_dealer_holding_another_generation_is_blamed_by_old_and_new_holders()
    {
        var refreshed = KeygenHarness.RunRefresh(fixture.Holdings, 74);
        var holdings = new Dictionary<int, KeyShare>(fixture.Holdings) { [3] = refreshed[3] };
        var outcome = TolerantRunner.Run(ReshareHarness.Parties(KeygenHarness.Session(75), fixture.Roster, holdings, fixture.Reference, 75));
        foreach (var party in new[] { 1, 2, 4 })
        {
            Assert.Equal(AbortChecks.ReshareKeyView, outcome.Aborts[party].Check);
            Assert.Equal(3, outcome.Aborts[party].Culprit);
        }
    }

    [Fact]
    public void Dealers_claiming_a_threshold_above_their_number_make_a_new_holder_abort()
    {
        var roster = ReshareHarness.Roster(fixture.Holdings, [1, 2], [1, 2, 4], 2);
        var session = KeygenHarness.Session(76);
        var parties = ReshareHarness.Parties(session, roster, fixture.Holdings, fixture.Reference, 76);
        // Both dealers tell party 4 the key is 3-of-3 (the public shares of a line still fit a parabola).
        var outcome = TolerantRunner.Run(parties, (message, recipient, _) =>
        {
            if (message.Round != 1 || recipient != 4)
            {
                return null;
            }

            var payload = (byte[])message.Payload.Clone();
            payload[TamperContext.HeaderLength + ReshareTamperCases.R1Threshold] = 3;
            return payload;
        });
        Assert.Equal(AbortChecks.ReshareRoster, outcome.Aborts[4].Check);
        Assert.Null(outcome.Aborts[4].Culprit);
    }

    [Fact]
    public void Messages_from_a_party_whose_role_sends_none_are_rejected_without_changing_state()
    {
        var session = fixture.Transcript[0].SessionId;
        var party1 = fixture.Party(1, session, ReshareTamperFixture.TranscriptSeed);
        var party3 = fixture.Party(3, session, ReshareTamperFixture.TranscriptSeed);
        party1.Start();
        party3.Start();
        var request = fixture.Transcript.First(m => m.Round == 2 && m.From == 2 && m.To == 1);

        // Party 3 only deals: it sends no base-OT request, and as it receives no new share nobody sends it one.
        Assert.Throws<ProtocolMessageRejectedException>(() => party1.Receive(request with { From = 3 }));
        Assert.Throws<ProtocolMessageRejectedException>(() => party3.Receive(request with { To = 3 }));
        Assert.Throws<ProtocolMessageRejectedException>(() => party1.Receive(fixture.Transcript.First(m => m.Round == 1 && m.From == 2) with { Round = 4 }));

        foreach (var message in fixture.Transcript.Where(m => m.From != 1 && m.To is null or 1))
        {
            party1.Receive(message);
        }

        Assert.True(party1.IsComplete);
        Assert.Equal(fixture.Results[1].Share!.Encode(), party1.Output.Share!.Encode());
    }

    [Fact]
    public void Rosters_and_constructors_refuse_inconsistent_roles()
    {
        var share = fixture.Holdings[1];
        var session = KeygenHarness.Session(77);
        var random = new SeededRandomSource(77);
        Assert.Throws<ArgumentException>(() => new ReshareRoster(2, [new(1, 1, 1), new(1, 2, 2)]));
        Assert.Throws<ArgumentException>(() => new ReshareRoster(2, [new(1, 1, 1), new(2, 2, 3)]));
        Assert.Throws<ArgumentException>(() => new ReshareRoster(2, [new(1, 1, 1), new(2, 2, null), new(3, null, null)]));
        Assert.Throws<ArgumentException>(() => new ReshareRoster(2, [new(1, 1, 1), new(2, null, 2)]));
        Assert.Throws<ArgumentException>(() => new ReshareRoster(2, [new(1, 1, 1), new(2, 1, 2)]));
        Assert.Throws<ArgumentException>(() => new ReshareRoster(3, [new(1, 1, 1), new(2, 2, 2)]));
        Assert.Throws<ArgumentException>(() => new ReshareRoster(1, [new(1, 1, 1), new(2, 2, 2)]));
        Assert.Throws<ArgumentException>(() => new ReshareRoster(2, [new(1, 1, 1), new(17, 2, 2)]));

        var roster = fixture.Roster;
        Assert.Throws<ArgumentException>(() => new KeyReshareParty(session, 2, roster, share, random));
        Assert.Throws<ArgumentException>(() => new KeyReshareParty(session, 1, roster, fixture.Reference, random));
        Assert.Throws<ArgumentException>(() => new KeyReshareParty(session, 3, roster, fixture.Reference, random));
        Assert.Throws<ArgumentException>(() => new KeyReshareParty(session, 5, roster, fixture.Reference, random));
        var tooFew = ReshareHarness.Roster(KeygenHarness.RunKeygen(3, 3, 78), [1, 2], [1, 2], 2);
        Assert.Throws<ArgumentException>(() => new KeyReshareParty(session, 1, tooFew, KeygenHarness.RunKeygen(3, 3, 78)[1], random));
    }
}
