using System.Security.Cryptography;
using MpcWallet.Node.Security;

namespace MpcWallet.Node.Tests.Security;

public sealed class ShareSealerTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] Secret = RandomNumberGenerator.GetBytes(100);

    [Fact]
    public void A_sealed_share_opens_only_under_the_same_key_node_wallet_version_and_purpose()
    {
        using var sealer = new ShareSealer(Key, "node-1");
        var sealedBytes = sealer.Seal("key-share", "wlt_a", 0, Secret);

        Assert.Equal(Secret, sealer.Open("key-share", "wlt_a", 0, sealedBytes));
        Assert.Equal(-1, sealedBytes.AsSpan().IndexOf(Secret.AsSpan(0, 16)));
        Assert.ThrowsAny<CryptographicException>(() => sealer.Open("key-share", "wlt_b", 0, sealedBytes));
        Assert.ThrowsAny<CryptographicException>(() => sealer.Open("key-share", "wlt_a", 1, sealedBytes));
        Assert.ThrowsAny<CryptographicException>(() => sealer.Open("channel-identity", "wlt_a", 0, sealedBytes));
        using (var otherNode = new ShareSealer(Key, "node-2"))
        {
            Assert.ThrowsAny<CryptographicException>(() => otherNode.Open("key-share", "wlt_a", 0, sealedBytes));
        }

        using (var otherKey = new ShareSealer(RandomNumberGenerator.GetBytes(32), "node-1"))
        {
            Assert.ThrowsAny<CryptographicException>(() => otherKey.Open("key-share", "wlt_a", 0, sealedBytes));
        }

        sealedBytes[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => sealer.Open("key-share", "wlt_a", 0, sealedBytes));
    }

    [Fact]
    public void Sealing_twice_uses_fresh_nonces()
    {
        using var sealer = new ShareSealer(Key, "node-1");
        Assert.NotEqual(sealer.Seal("key-share", "w", 0, Secret), sealer.Seal("key-share", "w", 0, Secret));
    }

    [Fact]
    public void Only_256_bit_keys_are_accepted()
    {
        Assert.Throws<ArgumentException>(() => new ShareSealer(new byte[16], "node-1"));
    }

    [Fact]
    public async Task Concurrent_sessions_can_open_and_seal_with_one_sealer()
    {
        // A node's sealer serves every session at once (several signings of one wallet open the same share).
        using var sealer = new ShareSealer(Key, "node-1");
        var share = RandomNumberGenerator.GetBytes(48 * 1024);
        var sealedShare = sealer.Seal("key-share", "wlt_a", 0, share);
        var workers = Enumerable.Range(0, 8).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                Assert.Equal(share, sealer.Open("key-share", "wlt_a", 0, sealedShare));
                var fresh = sealer.Seal("key-share", "wlt_" + w, i, share);
                Assert.Equal(share, sealer.Open("key-share", "wlt_" + w, i, fresh));
            }
        }));
        await Task.WhenAll(workers);
    }
}
