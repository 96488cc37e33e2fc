using System.Collections;
using System.Reflection;
using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Keygen;
using MpcWallet.Mpc.Ot;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Reshare;
using MpcWallet.Mpc.Signing;
using MpcWallet.Mpc.Tests.Signing;
using MpcWallet.Mpc.Tests.Keygen;
using MpcWallet.Mpc.Tests.Reshare;
using MpcWallet.Mpc.Tests.Support;

namespace MpcWallet.Mpc.Tests.Protocol;

/// <summary>
/// A round that throws something other than a failed check (here: the random source, mid-round) must still erase the
/// party's secrets and leave it unusable, exactly like an abort (finding L2): signing, key generation and resharing.
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
        object? pairwise = null;
        var live = new List<byte[]>();

        // When round 3 starts arriving, party 1 holds its polynomial, its Shamir share, base-OT seeds and zero-share
        // seeds; its first random draw while completing round 3 (the share proof) fails.
        var failure = Assert.Throws<ProtocolAbortException>(() => ProtocolRunner.Run(parties, (message, recipient) =>
        {
            if (recipient == 1 && message.Round == 3 && live.Count == 0)
            {
                pairwise = Field(dkg, "_pairwise").GetValue(dkg)!;
                live.AddRange(LiveSeeds(pairwise));
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
        AssertPairwiseEmpty(pairwise!);
        Assert.Same(failure, Assert.Throws<ProtocolAbortException>(() => parties[0].Start()));
    }

    [Fact]
    public void A_reshare_dealer_whose_round_2_throws_unexpectedly_erases_its_polynomial_and_base_ot_secrets()
    {
        // Node 1 deals and receives. Completing R2 it answers the other new holders' base OTs (its first random draw):
        // its dealing polynomial (constant term λ_1·x_1) and its own base-OT receiver exponents and choice bits are live.
        var (parties, faulty) = ReshareParties(81);
        var reshare = Field<KeyReshareParty>("_reshare").GetValue(parties[0])!;
        Scalar[]? coefficients = null;
        var receiverStates = new List<BaseOtReceiverState>();

        var failure = Assert.Throws<ProtocolAbortException>(() => ProtocolRunner.Run(parties, (message, recipient) =>
        {
            if (recipient == 1 && message.Round == 2 && coefficients is null)
            {
                var polynomial = Field(reshare, "_polynomial").GetValue(reshare)!;
                coefficients = (Scalar[])Field(polynomial, "_coefficients").GetValue(polynomial)!;
                var pairwise = Field(reshare, "_pairwise").GetValue(reshare)!;
                receiverStates.AddRange(((IDictionary)Field(pairwise, "_otReceivers").GetValue(pairwise)!).Values.Cast<BaseOtReceiverState>());
                faulty.ThrowOnFill(1);
            }

            return message;
        }));

        Assert.Equal(AbortChecks.InternalError, failure.Check);
        Assert.Null(failure.Culprit);
        Assert.Same(faulty.Injected, failure.InnerException);
        Assert.NotNull(coefficients);
        Assert.All(coefficients, c => Assert.True(c.IsZero, "a polynomial coefficient survived the failure"));
        Assert.Null(Field(reshare, "_polynomial").GetValue(reshare));
        Assert.NotEmpty(receiverStates);
        Assert.All(receiverStates, state =>
        {
            Assert.All(state.Exponents, e => Assert.True(e.IsZero, "a base-OT exponent survived the failure"));
            Assert.All(state.Choices, b => Assert.Equal(0, b));
        });
        Assert.Same(failure, Assert.Throws<ProtocolAbortException>(() => parties[0].Start()));
    }

    [Fact]
    public void A_reshare_holder_whose_round_3_throws_unexpectedly_erases_its_new_share_and_pairwise_seeds()
    {
        // Completing R3, node 1 has added its sub-shares into its new secret share and holds the new pairwise seeds when
        // its share proof's random draw fails.
        var (parties, faulty) = ReshareParties(82);
        var reshare = Field<KeyReshareParty>("_reshare").GetValue(parties[0])!;
        object? pairwise = null;
        var live = new List<byte[]>();

        var failure = Assert.Throws<ProtocolAbortException>(() => ProtocolRunner.Run(parties, (message, recipient) =>
        {
            if (recipient == 1 && message.Round == 3 && pairwise is null)
            {
                pairwise = Field(reshare, "_pairwise").GetValue(reshare)!;
                live.AddRange(LiveSeeds(pairwise));
                faulty.ThrowOnFill(1);
            }

            return message;
        }));

        Assert.Equal(AbortChecks.InternalError, failure.Check);
        Assert.Same(faulty.Injected, failure.InnerException);
        Assert.NotEmpty(live);
        Assert.All(live, secret => Assert.True(secret.All(b => b == 0), "a seed survived the failure"));
        Assert.True(((Scalar)Field(reshare, "_newSecretShare").GetValue(reshare)!).IsZero);
        Assert.True(((Scalar)Field(reshare, "_ownSubShare").GetValue(reshare)!).IsZero);
        AssertPairwiseEmpty(pairwise!);
        Assert.False(parties[0].IsComplete);
        Assert.Same(failure, Assert.Throws<ProtocolAbortException>(() => parties[0].Start()));
    }

    // A 2-of-3 key on nodes 1..3 reshared 2-of-3 onto {1, 2, 4}, dealt by 1 and 2; node 1's random source is the faulty one.
    private static (KeyReshareParty[] Parties, ThrowingRandomSource Faulty) ReshareParties(int seed)
    {
        var holdings = KeygenHarness.RunKeygen(2, 3, seed);
        var roster = ReshareHarness.Roster(holdings, dealers: [1, 2], newHolders: [1, 2, 4], newThreshold: 2);
        var session = KeygenHarness.Session(seed + 1000);
        var faulty = new ThrowingRandomSource(seed);
        KeyReshareParty[] parties =
        [
            new(session, 1, roster, holdings[1], faulty),
            new(session, 2, roster, holdings[2], new SeededRandomSource(seed + 2)),
            new(session, 4, roster, ReshareHarness.ReferenceOf(holdings[1]), new SeededRandomSource(seed + 4)),
        ];
        return (parties, faulty);
    }

    private static IEnumerable<byte[]> LiveSeeds(object pairwise)
    {
        foreach (var seeds in ((IDictionary)Field(pairwise, "_asReceiver").GetValue(pairwise)!).Values.Cast<OtExtensionReceiverSeeds>())
        {
            yield return seeds.Seeds0;
            yield return seeds.Seeds1;
        }

        foreach (var seed in ((IDictionary)Field(pairwise, "_zeroShareSeeds").GetValue(pairwise)!).Values.Cast<byte[]>())
        {
            yield return seed;
        }
    }

    private static void AssertPairwiseEmpty(object pairwise)
    {
        foreach (var name in new[] { "_otReceivers", "_asReceiver", "_asSender", "_zeroShareSeeds" })
        {
            Assert.Empty((IDictionary)Field(pairwise, name).GetValue(pairwise)!);
        }
    }

    private static FieldInfo Field<T>(string name) =>
        typeof(T).GetField(name, BindingFlags.NonPublic | BindingFlags.Instance) ?? throw new MissingFieldException(name);

    private static FieldInfo Field(object owner, string name) =>
        owner.GetType().GetField(name, BindingFlags.NonPublic | BindingFlags.Instance) ?? throw new MissingFieldException(name);
}
