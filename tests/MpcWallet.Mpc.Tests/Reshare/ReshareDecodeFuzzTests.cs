using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Reshare;
using MpcWallet.Mpc.Tests.Keygen;

namespace MpcWallet.Mpc.Tests.Reshare;

public sealed class ReshareDecodeFuzzTests(ReshareTamperFixture fixture) : IClassFixture<ReshareTamperFixture>
{
    private const int Inputs = 10_000;

    [Fact]
    public void R1_decoding_throws_only_decode_errors()
    {
        var dealer = Body(1, from: 2, to: null);
        var decoded = DecodeFuzz.Run(dealer, b => ReshareCommitMessage.Decode(b, fromDealer: true), Inputs, mutations: 5_000, seed: 11);
        Assert.InRange(decoded, 1, Inputs - 1);
        DecodeFuzz.Run(Body(1, from: 4, to: null), b => ReshareCommitMessage.Decode(b, fromDealer: false), 2_000, mutations: 1_000, seed: 12);
        DecodeFuzz.Run(dealer, b => ReshareCommitMessage.Decode(b, fromDealer: false), 1_000, mutations: 500, seed: 13);
    }

    [Fact]
    public void R2_readiness_decoding_throws_only_decode_errors()
    {
        var decoded = DecodeFuzz.Run(Body(2, from: 4, to: null), b => ReshareReadyMessage.Decode(b), Inputs, mutations: 5_000, seed: 14);
        Assert.InRange(decoded, 1, Inputs - 1);
    }

    [Fact]
    public void R3_decoding_throws_only_decode_errors()
    {
        // Each valid-looking mutation of a message with a base-OT reply decodes 256 points; keep those counts modest.
        DecodeFuzz.Run(Body(3, from: 2, to: 4), b => ReshareShareMessage.Decode(b, true, true, true), Inputs, mutations: 1_000, seed: 15);
        DecodeFuzz.Run(Body(3, from: 4, to: 1), b => ReshareShareMessage.Decode(b, false, true, false), 2_000, mutations: 300, seed: 16);
        var dealerOnly = Body(3, from: 3, to: 1);
        var decoded = DecodeFuzz.Run(dealerOnly, b => ReshareShareMessage.Decode(b, true, false, false), Inputs, mutations: 5_000, seed: 17);
        Assert.InRange(decoded, 1, Inputs - 1);
    }

    [Fact]
    public void Reshared_key_descriptions_decode_strictly()
    {
        var key = ResharedKey.Of(fixture.Holdings[1]).Encode();
        var decoded = DecodeFuzz.Run(key, b =>
        {
            var reader = new Wire.WireReader(b);
            ResharedKey.Read(ref reader);
            reader.EnsureEnd();
        }, Inputs, mutations: 5_000, seed: 18);
        Assert.InRange(decoded, 1, Inputs - 1);
    }

    [Fact]
    public void Mutated_payloads_make_a_party_abort_or_reject_but_never_crash()
    {
        var random = new Random(19);
        foreach (var receiver in new[] { 1, 3, 4 })
        {
            foreach (var round in new[] { 1, 2, 3, 4 })
            {
                var targets = fixture.Transcript.Where(m => m.Round == round && m.From != receiver && (m.To is null || m.To == receiver)).ToArray();
                for (var attempt = 0; attempt < Math.Min(6, targets.Length * 2); attempt++)
                {
                    var party = PartyBefore(receiver, round);
                    var target = targets[attempt % targets.Length];
                    var payload = (byte[])target.Payload.Clone();
                    switch (attempt % 3)
                    {
                        case 0:
                            payload[random.Next(payload.Length)] ^= (byte)(1 << random.Next(8));
                            break;
                        case 1:
                            payload = payload[..random.Next(payload.Length)];
                            break;
                        default:
                            random.NextBytes(payload.AsSpan(random.Next(payload.Length / 2)));
                            break;
                    }

                    var outcome = Record.Exception(() => Deliver(party, receiver, round, target with { Payload = payload }));
                    Assert.True(outcome is null or ProtocolAbortException or ProtocolMessageRejectedException, $"party {receiver}, round {round}: {outcome}");
                }
            }
        }
    }

    private byte[] Body(int round, int from, int? to) =>
        TamperContext.BodyOf(fixture.Transcript.First(m => m.Round == round && m.From == from && m.To == to));

    /// <summary>A fresh copy of the fixture's party (same seed, so same messages) fed everything before <paramref name="round"/>.</summary>
    private KeyReshareParty PartyBefore(int receiver, int round)
    {
        var party = fixture.Party(receiver, fixture.Transcript[0].SessionId, ReshareTamperFixture.TranscriptSeed);
        party.Start();
        foreach (var message in fixture.Transcript.Where(m => m.Round < round && m.From != receiver && (m.To is null || m.To == receiver)))
        {
            party.Receive(message);
        }

        return party;
    }

    /// <summary>Delivers the tampered message plus the rest of the round's messages to the party.</summary>
    private void Deliver(KeyReshareParty party, int receiver, int round, ProtocolMessage tampered)
    {
        party.Receive(tampered);
        foreach (var message in fixture.Transcript.Where(m => m.Round == round && m.From != receiver && (m.To is null || m.To == receiver) && !(m.From == tampered.From && m.To == tampered.To)))
        {
            party.Receive(message);
        }
    }
}
