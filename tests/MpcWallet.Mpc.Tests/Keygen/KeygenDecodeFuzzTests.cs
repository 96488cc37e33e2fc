using MpcWallet.Mpc.Keygen;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Tests.Support;

namespace MpcWallet.Mpc.Tests.Keygen;

public sealed class KeygenDecodeFuzzTests(KeygenFixture fixture) : IClassFixture<KeygenFixture>
{
    private const int Inputs = 10_000;

    [Fact]
    public void K1_decoding_throws_only_decode_errors()
    {
        var valid = Body(1, from: 2, to: null);
        DecodeFuzz.Run(valid, b => DkgCommitMessage.Decode(b), Inputs, mutations: 5_000, seed: 1);
    }

    [Fact]
    public void K2a_decoding_throws_only_decode_errors()
    {
        // Each fully valid-looking mutation decodes 512 points (~15 ms); most random inputs fail at the first point.
        var valid = Body(2, from: 2, to: 1);
        DecodeFuzz.Run(valid, b => DkgOtRequestMessage.Decode(b), Inputs, mutations: 2_000, seed: 2);
    }

    [Fact]
    public void K2b_decoding_throws_only_decode_errors()
    {
        var valid = Body(2, from: 2, to: null);
        var decoded = DecodeFuzz.Run(valid, b => DkgCoefficientsMessage.Decode(b, withChainCode: true), Inputs, mutations: 5_000, seed: 3);
        Assert.InRange(decoded, 1, Inputs - 1);
        DecodeFuzz.Run(valid, b => DkgCoefficientsMessage.Decode(b, withChainCode: false), 2_000, mutations: 1_000, seed: 4);
    }

    [Fact]
    public void K3_decoding_throws_only_decode_errors()
    {
        var toHigher = Body(3, from: 2, to: 3);
        var toLower = Body(3, from: 2, to: 1);
        DecodeFuzz.Run(toHigher, b => DkgShareMessage.Decode(b, withZeroShareSeed: true, withChainCode: true), Inputs, mutations: 2_000, seed: 5);
        DecodeFuzz.Run(toLower, b => DkgShareMessage.Decode(b, withZeroShareSeed: false, withChainCode: true), 2_000, mutations: 200, seed: 6);
    }

    [Fact]
    public void K4_decoding_throws_only_decode_errors()
    {
        var valid = Body(4, from: 2, to: null);
        var decoded = DecodeFuzz.Run(valid, b => DkgConfirmationMessage.Decode(b, 3), Inputs, mutations: 5_000, seed: 7);
        Assert.InRange(decoded, 1, Inputs - 1);
    }

    [Fact]
    public void Key_share_decoding_throws_only_decode_errors()
    {
        var valid = fixture.Shares[2].Encode();
        var decoded = DecodeFuzz.Run(valid, b => KeyShare.Decode(b), Inputs, mutations: 5_000, seed: 8);
        Assert.InRange(decoded, 1, Inputs - 1);
    }

    [Fact]
    public void Mutated_payloads_make_a_party_abort_or_reject_but_never_crash()
    {
        var random = new Random(9);
        foreach (var round in new[] { 1, 2, 3, 4 })
        {
            var targets = fixture.KeygenTranscript.Where(m => m.Round == round && m.From == 2 && m.To is null or 1).ToArray();
            for (var attempt = 0; attempt < 6; attempt++)
            {
                var party = PartyBefore(round);
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

                var outcome = Record.Exception(() => Deliver(party, round, target with { Payload = payload }));
                Assert.True(outcome is null or ProtocolAbortException or ProtocolMessageRejectedException, $"round {round}: {outcome}");
            }
        }
    }

    private byte[] Body(int round, int from, int? to) =>
        TamperContext.BodyOf(fixture.KeygenTranscript.First(m => m.Round == round && m.From == from && m.To == to));

    /// <summary>A fresh copy of the fixture's party 1 (same seed, so same messages) fed everything before <paramref name="round"/>.</summary>
    private KeyGenerationParty PartyBefore(int round)
    {
        var party = new KeyGenerationParty(fixture.KeygenTranscript[0].SessionId, 1, 2, 3, new SeededRandomSource((KeygenFixture.Seed * 100) + 1));
        party.Start();
        foreach (var message in fixture.KeygenTranscript.Where(m => m.Round < round && m.From != 1 && m.To is null or 1))
        {
            party.Receive(message);
        }

        return party;
    }

    /// <summary>Delivers the tampered message plus the rest of the round's messages to party 1.</summary>
    private void Deliver(KeyGenerationParty party, int round, ProtocolMessage tampered)
    {
        party.Receive(tampered);
        foreach (var message in fixture.KeygenTranscript.Where(m => m.Round == round && m.From != 1 && m.To is null or 1 && !(m.From == tampered.From && m.To == tampered.To)))
        {
            party.Receive(message);
        }
    }
}
