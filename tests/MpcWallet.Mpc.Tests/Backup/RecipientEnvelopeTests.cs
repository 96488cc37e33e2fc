using System.Security.Cryptography;
using MpcWallet.Mpc.Backup;
using MpcWallet.Mpc.Channel;
using MpcWallet.Mpc.Randomness;

namespace MpcWallet.Mpc.Tests.Backup;

/// <summary>
/// One plaintext sealed to several X25519 keys (partial signatures to every coordinator): each recipient opens it, no
/// other key does, and the purpose (<c>info</c>), the associated data and every byte are authenticated.
/// </summary>
public sealed class RecipientEnvelopeTests
{
    private static readonly byte[] Info = "spec/info"u8.ToArray();
    private static readonly byte[] Ad = "session|node"u8.ToArray();

    [Fact]
    public void Every_recipient_opens_it_and_no_other_key_does()
    {
        var (first, firstPublic) = NewKey();
        var (second, secondPublic) = NewKey();
        var (outsider, _) = NewKey();
        var plaintext = RandomNumberGenerator.GetBytes(100);

        var envelope = RecipientEnvelope.Seal(plaintext, [firstPublic, secondPublic], Info, Ad, SystemRandomSource.Instance);

        Assert.Equal(plaintext, RecipientEnvelope.Open(envelope, first, Info, Ad));
        Assert.Equal(plaintext, RecipientEnvelope.Open(envelope, second, Info, Ad));
        Assert.Null(RecipientEnvelope.Open(envelope, outsider, Info, Ad));
        Assert.Equal(-1, envelope.AsSpan().IndexOf(plaintext.AsSpan(0, 16)));
    }

    [Fact]
    public void Another_purpose_or_associated_data_does_not_open()
    {
        var (key, publicKey) = NewKey();
        var envelope = RecipientEnvelope.Seal("partial"u8, [publicKey], Info, Ad, SystemRandomSource.Instance);

        Assert.Null(RecipientEnvelope.Open(envelope, key, "spec/other"u8, Ad));
        Assert.Null(RecipientEnvelope.Open(envelope, key, Info, "session|other-node"u8));
        Assert.NotNull(RecipientEnvelope.Open(envelope, key, Info, Ad));
    }

    [Fact]
    public void Every_changed_byte_and_any_truncation_is_refused_without_throwing()
    {
        var (key, publicKey) = NewKey();
        var envelope = RecipientEnvelope.Seal("partial signature"u8, [publicKey], Info, Ad, SystemRandomSource.Instance);

        for (var i = 0; i < envelope.Length; i++)
        {
            var changed = envelope.ToArray();
            changed[i] ^= 0x01;
            Assert.Null(RecipientEnvelope.Open(changed, key, Info, Ad));
        }

        for (var length = 0; length < envelope.Length; length++)
        {
            Assert.Null(RecipientEnvelope.Open(envelope.AsSpan(0, length), key, Info, Ad));
        }
    }

    [Fact]
    public void A_node_identity_signs_nothing_a_channel_signature_could_be_taken_for()
    {
        using var identity = NodeIdentity.Generate(SystemRandomSource.Instance);

        Assert.Throws<ArgumentException>(() => identity.SignOutsideChannel(new byte[32]));
        Assert.Equal(64, identity.SignOutsideChannel(new byte[33]).Length);
    }

    private static (byte[] Private, byte[] Public) NewKey()
    {
        using var key = RecoveryPrivateKey.Generate(SystemRandomSource.Instance);
        var exported = key.Export();
        return (exported, Hpke.PublicKeyOf(exported));
    }
}
