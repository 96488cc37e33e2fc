using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Proofs;
using MpcWallet.Mpc.Tests.Keygen;
using MpcWallet.Mpc.Tests.Support;

namespace MpcWallet.Mpc.Tests.Proofs;

public sealed class SchnorrProofTests
{
    private static readonly byte[] Session = Enumerable.Range(0, 32).Select(b => (byte)b).ToArray();
    private readonly SeededRandomSource _random = new(77);

    private static SchnorrStatement Statement(byte[]? session = null, int prover = 1, string purpose = "test/purpose", byte[]? context = null) =>
        new(session ?? Session, prover, purpose, context ?? [1, 2]);

    [Fact]
    public void An_honest_proof_verifies_and_round_trips()
    {
        var secret = Scalar.Random(_random);
        var proof = SchnorrProof.Prove(Statement(), secret, _random);
        var encoded = proof.Encode();
        Assert.Equal(SchnorrProof.EncodedLength, encoded.Length);
        Assert.True(SchnorrProof.Decode(encoded).Verify(Statement(), Point.MultiplyGenerator(secret)));
    }

    [Fact]
    public void The_proof_is_bound_to_every_part_of_the_statement()
    {
        var secret = Scalar.Random(_random);
        var publicValue = Point.MultiplyGenerator(secret);
        var proof = SchnorrProof.Prove(Statement(), secret, _random);
        var otherSession = (byte[])Session.Clone();
        otherSession[0] ^= 1;
        Assert.False(proof.Verify(Statement(session: otherSession), publicValue));
        Assert.False(proof.Verify(Statement(prover: 2), publicValue));
        Assert.False(proof.Verify(Statement(purpose: "test/other"), publicValue));
        Assert.False(proof.Verify(Statement(context: [1, 3]), publicValue));
        Assert.False(proof.Verify(Statement(), publicValue + Point.Generator));
        Assert.False(proof.Verify(Statement(), Point.Identity));
    }

    [Fact]
    public void A_changed_response_or_announcement_fails()
    {
        var secret = Scalar.Random(_random);
        var encoded = SchnorrProof.Prove(Statement(), secret, _random).Encode();
        var publicValue = Point.MultiplyGenerator(secret);
        for (var offset = 0; offset < encoded.Length; offset += 7)
        {
            var tampered = (byte[])encoded.Clone();
            tampered[offset] ^= 0x10;
            try
            {
                Assert.False(SchnorrProof.Decode(tampered).Verify(Statement(), publicValue), $"offset {offset}");
            }
            catch (MpcDecodeException)
            {
            }
        }
    }

    [Fact]
    public void Decoding_is_strict()
    {
        var encoded = SchnorrProof.Prove(Statement(), Scalar.Random(_random), _random).Encode();
        Assert.Throws<MpcDecodeException>(() => SchnorrProof.Decode(encoded.AsSpan(0, 64)));
        Assert.Throws<MpcDecodeException>(() => SchnorrProof.Decode([.. encoded, 0]));
        var highResponse = (byte[])encoded.Clone();
        highResponse.AsSpan(33).Fill(0xFF);
        Assert.Throws<MpcDecodeException>(() => SchnorrProof.Decode(highResponse));
        DecodeFuzz.Run(encoded, b => SchnorrProof.Decode(b), 10_000, mutations: 5_000, seed: 3);
    }
}
