using System.Reflection;
using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Derivation;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Signing;
using MpcWallet.Mpc.Tests.Support;

namespace MpcWallet.Mpc.Tests.Signing;

public sealed class SigningPartyLifecycleTests
{
    private readonly SeededRandomSource _random = new(707);

    [Fact]
    public void Invalid_signer_sets_and_inputs_are_rejected_before_any_message()
    {
        var shares = DealtKeys.Get(3, 5);
        var sid = SessionId.Random(_random);
        var digest = new byte[32];
        SigningParty Create(int self, int[] signers, byte[]? d = null, uint[]? path = null) =>
            new(sid, shares[self - 1], signers, d ?? digest, path ?? [], _random);

        Assert.Throws<ArgumentException>(() => Create(1, [1, 2]));
        Assert.Throws<ArgumentException>(() => Create(1, [1, 2, 3, 4]));
        Assert.Throws<ArgumentException>(() => Create(1, [1, 2, 2]));
        Assert.Throws<ArgumentException>(() => Create(1, [2, 3, 4]));
        Assert.Throws<ArgumentException>(() => Create(1, [1, 2, 6]));
        Assert.Throws<ArgumentException>(() => Create(1, [0, 1, 2]));
        Assert.Throws<ArgumentException>(() => Create(1, [1, 2, 3], new byte[31]));
        Assert.Throws<ArgumentException>(() => Create(1, [1, 2, 3], path: [KeyDerivation.HardenedOffset]));
        Assert.NotNull(Create(1, [3, 1, 2]));
    }

    [Fact]
    public void Secrets_are_erased_after_completion_and_the_party_is_single_use()
    {
        var shares = DealtKeys.Get(2, 3);
        var digest = new byte[32];
        _random.Fill(digest);
        var parties = SigningHarness.Parties(shares, [1, 2], digest, null, _random);
        SigningHarness.Run(parties);

        foreach (var party in parties)
        {
            foreach (var name in new[] { "_nonce", "_phi", "_secret" })
            {
                Assert.True(((Scalar)Field(name).GetValue(party)!).IsZero, $"{name} not erased");
            }

            Assert.Empty((System.Collections.IDictionary)Field("_bobStates").GetValue(party)!);
            Assert.Empty((System.Collections.IDictionary)Field("_aliceShareU").GetValue(party)!);
            Assert.Throws<InvalidOperationException>(() => party.Start());
        }
    }

    [Fact]
    public void Secrets_are_erased_after_an_abort_and_every_later_call_rethrows()
    {
        var shares = DealtKeys.Get(2, 3);
        var digest = new byte[32];
        _random.Fill(digest);
        var parties = SigningHarness.Parties(shares, [1, 2], digest, null, _random);
        var s1 = parties[1].Start().Single();
        parties[0].Start();
        var payload = (byte[])s1.Payload.Clone();
        payload[^1] ^= 1; // generation
        var abort = Assert.Throws<ProtocolAbortException>(() => parties[0].Receive(s1 with { Payload = payload }));

        Assert.True(((Scalar)Field("_nonce").GetValue(parties[0])!).IsZero);
        Assert.True(((Scalar)Field("_phi").GetValue(parties[0])!).IsZero);
        Assert.Same(abort, Assert.Throws<ProtocolAbortException>(() => parties[0].Receive(s1)));
    }

    private static FieldInfo Field(string name) =>
        typeof(SigningParty).GetField(name, BindingFlags.NonPublic | BindingFlags.Instance) ?? throw new MissingFieldException(name);
}
