using MpcWallet.Mpc.Backup;
using MpcWallet.Mpc.Tests.Support;

namespace MpcWallet.Mpc.Tests.Backup;

/// <summary>RFC 9180 appendix A.2.1: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20Poly1305, base mode.</summary>
public sealed class HpkeTests
{
    private static readonly byte[] Info = Convert.FromHexString("4f6465206f6e2061204772656369616e2055726e");
    private static readonly byte[] SkEm = Convert.FromHexString("f4ec9b33b792c372c1d2c2063507b684ef925b8c75a42dbcbf57d63ccd381600");
    private static readonly byte[] PkEm = Convert.FromHexString("1afa08d3dec047a643885163f1180476fa7ddb54c6a8029ea33f95796bf2ac4a");
    private static readonly byte[] SkRm = Convert.FromHexString("8057991eef8f1f1af18f4a9491d16a1ce333f695d4db8e38da75975c4478e0fb");
    private static readonly byte[] PkRm = Convert.FromHexString("4310ee97d88cc1f088a5576c77ab0cf5c3ac797f3d95139c6c84b5429c59662a");
    private static readonly byte[] Plaintext = Convert.FromHexString("4265617574792069732074727574682c20747275746820626561757479");
    private static readonly byte[] Aad0 = Convert.FromHexString("436f756e742d30");
    private static readonly byte[] Ct0 = Convert.FromHexString("1c5250d8034ec2b784ba2cfd69dbdb8af406cfe3ff938e131f0def8c8b60b4db21993c62ce81883d2dd1b51a28");

    [Fact]
    public void Keys_shared_secret_and_key_schedule_match_the_RFC()
    {
        Assert.Equal(PkEm, Hpke.PublicKeyOf(SkEm));
        Assert.Equal(PkRm, Hpke.PublicKeyOf(SkRm));
        var sharedSecret = Hpke.SharedSecret(SkEm, PkRm, PkEm, PkRm)!;
        Assert.Equal("0bbe78490412b4bbea4812666f7916932b828bba79942424abb65244930d69a7", Convert.ToHexStringLower(sharedSecret));
        Assert.Equal(sharedSecret, Hpke.SharedSecret(SkRm, PkEm, PkEm, PkRm));
        var (key, nonce) = Hpke.KeySchedule(sharedSecret, Info);
        Assert.Equal("ad2744de8e17f4ebba575b3f5f5a8fa1f69c2a07f6e7500bc60ca6e3e3ec1c91", Convert.ToHexStringLower(key));
        Assert.Equal("5c4d98150661b848853b547f", Convert.ToHexStringLower(nonce));
    }

    [Fact]
    public void The_first_encryption_matches_the_RFC_and_opens()
    {
        var (enc, ciphertext) = Hpke.SealWithEphemeral(SkEm, PkRm, Info, Aad0, Plaintext);
        Assert.Equal(PkEm, enc);
        Assert.Equal(Ct0, ciphertext);
        Assert.Equal(Plaintext, Hpke.Open(SkRm, enc, Info, Aad0, ciphertext));
    }

    [Fact]
    public void Anything_altered_fails_to_open()
    {
        Assert.Null(Hpke.Open(SkRm, PkEm, Info, Convert.FromHexString("436f756e742d31"), Ct0));
        Assert.Null(Hpke.Open(SkRm, PkEm, [.. Info, 0], Aad0, Ct0));
        Assert.Null(Hpke.Open(SkEm, PkEm, Info, Aad0, Ct0));
        var flipped = (byte[])Ct0.Clone();
        flipped[^1] ^= 1;
        Assert.Null(Hpke.Open(SkRm, PkEm, Info, Aad0, flipped));
        var otherEnc = (byte[])PkEm.Clone();
        otherEnc[3] ^= 1;
        Assert.Null(Hpke.Open(SkRm, otherEnc, Info, Aad0, Ct0));
        Assert.Null(Hpke.Open(SkRm, new byte[32], Info, Aad0, Ct0));
        Assert.Null(Hpke.Open(SkRm, PkEm, Info, Aad0, Ct0.AsSpan(0, 15)));
    }

    [Fact]
    public void Fresh_encapsulations_differ_and_refuse_small_order_recipients()
    {
        var random = new SeededRandomSource(300);
        var first = Hpke.Seal(PkRm, Info, Aad0, Plaintext, random);
        var second = Hpke.Seal(PkRm, Info, Aad0, Plaintext, random);
        Assert.NotEqual(first.Enc, second.Enc);
        Assert.NotEqual(first.Ciphertext, second.Ciphertext);
        Assert.Equal(Plaintext, Hpke.Open(SkRm, second.Enc, Info, Aad0, second.Ciphertext));
        Assert.Throws<ArgumentException>(() => Hpke.Seal(new byte[32], Info, Aad0, Plaintext, random));
    }
}
