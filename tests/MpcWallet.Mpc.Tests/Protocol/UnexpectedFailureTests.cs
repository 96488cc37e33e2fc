using System.Collections;
using System.Reflection;
using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Keygen;
using MpcWallet.Mpc.Ot;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Signing;
using MpcWallet.Mpc.Tests.Signing;
using MpcWallet.Mpc.Tests.Keygen;
using MpcWallet.Mpc.Tests.Support;

namespace MpcWallet.Mpc.Tests.Protocol;

/// <summary>
/// A round that throws something other than a failed check (here: the random source, mid-round) must still erase the
/// party's secrets and leave it unusable, exactly like an abort (finding L2).
/// </summary>
public sealed class UnexpectedFailureTests
{
    [Fact]
    public void A_signer_whose_round_throws_unexpectedly_keeps_no_secret_and_rethrows_on_every_later_call()
    {
        var shares = DealtKeys.Get(3, 5);
        var random = new SeededRandomSource(31);
        var digest = new byte[32];
        random.Fill(digest);
        var sid = SessionId.Random(random);
        var faulty = new ThrowingRandomSource(32);
        int[] signers = [1, 2, 4];
        var parties = signers
            .Select(i => new SigningParty(sid, shares[i - 1], signers, digest, [], i == 1 ? faulty : random))
            .ToArray();

        // After S1, party 1 computes sk_1 and starts one RVOLE per peer as Bob; the second one's choice bits fail, so
        // sk_1, r_1, φ_1 and the first RVOLE receiver state (β, pads, χ) are all live when the exception hits.
        var failure = Assert.Throws<ProtocolAbortException>(() => ProtocolRunner.Run<PartialSignature>(parties, (message, recipient) =>
        {
            if (recipient == 1 && message.Round == 1)
            {
                faulty.ThrowOnFill(2);
            }

            return message;
        }));

        Assert.Equal(AbortChecks.InternalError, failure.Check);
        Assert.Null(failure.Culprit);
        Assert.False(failure.BanRecommended);
        Assert.Same(faulty.Injected, failure.InnerException);

        var party = parties[0];
        foreach (var name in new[] { "_nonce", "_phi", "_secret" })
        {
            Assert.True(((Scalar)Field<SigningParty>(name).GetValue(party)!).IsZero, $"{name} survived the failure");
        }

        Assert.Empty((IDictionary)Field<SigningParty>("_bobStates").GetValue(party)!);
        Assert.Empty((IDictionary)Field<SigningParty>("_aliceShareU").GetValue(party)!);
        Assert.Empty((IDictionary)Field<SigningParty>("_aliceShareV").GetValue(party)!);
        Assert.All((byte[])Field<SigningParty>("_salt").GetValue(party)!, b => Assert.Equal(0, b));
        Assert.False(party.IsComplete);

        Assert.Same(failure, Assert.Throws<ProtocolAbortException>(() => party.Start()));
        var anyMessage = new ProtocolMessage(sid, 2, 2, 1, new byte[40]);
        Assert.Same(failure, Assert.Throws<ProtocolAbortException>(() => party.Receive(anyMessage)));
    }

    [Fact]
    public void A_keygen_party_whose_round_throws_unexpectedly_keeps_no_secret_and_rethrows_on_every_later_call()
    {
        var session = KeygenHarness.Session(77);
        var faulty = new ThrowingRandomSource(78);
        var parties = Enumerable.Range(1, 3)
            .Select(i => new KeyGenerationParty(session, i, 2, 3, i == 1 ? faulty : new SeededRandomSource(7800 + i)))
            .ToArray();
        var dkg = Field<DistributedKeyParty>("_dkg").GetValue(parties[0])!;
        var live = new List<byte[]>();

        // When round 3 starts arriving, party 1 holds its polynomial, its Shamir share, base-OT seeds and zero-share
        // seeds; its first random draw while completing round 3 (the share proof) fails.
        var failure = Assert.Throws<ProtocolAbortException>(() => ProtocolRunner.Run(parties, (message, recipient) =>
        {
            if (recipient == 1 && message.Round == 3 && live.Count == 0)
            {
                foreach (var seeds in ((IDictionary)Field(dkg, "_asReceiver").GetValue(dkg)!).Values.Cast<OtExtensionReceiverSeeds>())
                {
                    live.Add(seeds.Seeds0);
                    live.Add(seeds.Seeds1);
                }

                live.AddRange(((IDictionary)Field(dkg, "_zeroShareSeeds").GetValue(dkg)!).Values.Cast<byte[]>());
                faulty.ThrowOnFill(1);
            }

            return message;
        }));

        Assert.Equal(AbortChecks.InternalError, failure.Check);
        Assert.Same(faulty.Injected, failure.InnerException);
        Assert.NotEmpty(live);
        Assert.All(live, secret => Assert.True(secret.All(b => b == 0), "a seed survived the failure"));
        Assert.Null(Field(dkg, "_polynomial").GetValue(dkg));
        Assert.True(((Scalar)Field(dkg, "_secretShare").GetValue(dkg)!).IsZero);
        Assert.Empty((IDictionary)Field(dkg, "_asReceiver").GetValue(dkg)!);
        Assert.Empty((IDictionary)Field(dkg, "_asSender").GetValue(dkg)!);
        Assert.Empty((IDictionary)Field(dkg, "_zeroShareSeeds").GetValue(dkg)!);
        Assert.Same(failure, Assert.Throws<ProtocolAbortException>(() => parties[0].Start()));
    }

    private static FieldInfo Field<T>(string name) =>
        typeof(T).GetField(name, BindingFlags.NonPublic | BindingFlags.Instance) ?? throw new MissingFieldException(name);

    private static FieldInfo Field(object owner, string name) =>
        owner.GetType().GetField(name, BindingFlags.NonPublic | BindingFlags.Instance) ?? throw new MissingFieldException(name);
}
