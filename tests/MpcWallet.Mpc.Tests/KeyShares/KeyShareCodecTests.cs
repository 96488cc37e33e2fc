using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Tests.Keygen;

namespace MpcWallet.Mpc.Tests.KeyShares;

public sealed class KeyShareCodecTests(KeygenFixture fixture) : IClassFixture<KeygenFixture>
{
    [Fact]
    public void Encode_decode_round_trips_every_field()
    {
        foreach (var share in fixture.Shares.Values.Concat(fixture.Refreshed.Values))
        {
            var decoded = KeyShare.Decode(share.Encode());
            Assert.Equal((share.Threshold, share.PartyCount, share.Self, share.Generation), (decoded.Threshold, decoded.PartyCount, decoded.Self, decoded.Generation));
            Assert.Equal(share.KeyId, decoded.KeyId);
            Assert.Equal(share.SecretShare, decoded.SecretShare);
            Assert.Equal(share.PublicKey, decoded.PublicKey);
            Assert.Equal(share.PublicShares, decoded.PublicShares);
            Assert.Equal(share.RootChainCode, decoded.RootChainCode);
            foreach (var pair in share.Pairwise)
            {
                var other = decoded.With(pair.Counterparty);
                Assert.Equal(pair.ZeroShareSeed, other.ZeroShareSeed);
                Assert.Equal(pair.AsSender.Delta, other.AsSender.Delta);
                Assert.Equal(pair.AsSender.Seeds, other.AsSender.Seeds);
                Assert.Equal(pair.AsReceiver.Seeds0, other.AsReceiver.Seeds0);
                Assert.Equal(pair.AsReceiver.Seeds1, other.AsReceiver.Seeds1);
            }
        }
    }

    [Fact]
    public void A_share_that_does_not_match_its_public_share_is_rejected()
    {
        var share = fixture.Shares[1];
        var forged = new KeyShare(share.Threshold, share.PartyCount, share.Self, share.Generation, share.KeyId, share.SecretShare + Scalar.One, share.PublicKey, share.PublicShares, share.RootChainCode, share.Pairwise);
        Assert.Throws<MpcDecodeException>(() => KeyShare.Decode(forged.Encode()));
    }
}
