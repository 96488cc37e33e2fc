using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Derivation;
using MpcWallet.Mpc.Hashing;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Sharing;
using MpcWallet.Mpc.Signing;
using MpcWallet.Mpc.Tests.Support;

namespace MpcWallet.Mpc.Tests.Signing;

/// <summary>
/// What sign_sid and the zero shares bind: signers that disagree about what to sign never get past S2, and every
/// signer's key input sk_i really carries its zero share ζ_i (finding M1: these mutations survived the other tests).
/// </summary>
public sealed class SessionBindingTests
{
    private const int Header = RoundBasedParty<PartialSignature>.HeaderLength;

    public static TheoryData<int, int, int> Disagreements() => new()
    {
        // (t, n, which party is given another digest or path)
        { 2, 3, 1 },
        { 2, 3, 3 },
        { 3, 5, 4 },
    };

    [Theory]
    [MemberData(nameof(Disagreements))]
    public void Signers_given_different_digests_abort_with_a_session_mismatch_at_S2(int threshold, int partyCount, int odd)
    {
        var random = new SeededRandomSource(900 + odd);
        var digest = new byte[32];
        random.Fill(digest);
        var other = (byte[])digest.Clone();
        other[31] ^= 1;
        AssertEveryoneStopsAtS2(threshold, partyCount, odd, random, (i, sid, share, signers) =>
            new SigningParty(sid, share, signers, i == odd ? other : digest, [], random));
    }

    [Theory]
    [MemberData(nameof(Disagreements))]
    public void Signers_given_different_derivation_paths_abort_with_a_session_mismatch_at_S2(int threshold, int partyCount, int odd)
    {
        var random = new SeededRandomSource(950 + odd);
        var digest = new byte[32];
        random.Fill(digest);
        AssertEveryoneStopsAtS2(threshold, partyCount, odd, random, (i, sid, share, signers) =>
            new SigningParty(sid, share, signers, digest, i == odd ? [0, 7] : [0, 6], random));
    }

    [Theory]
    [InlineData(2, 3, false)]
    [InlineData(2, 3, true)]
    [InlineData(3, 5, true)]
    public void Every_key_input_carries_its_zero_share(int threshold, int partyCount, bool derived)
    {
        var shares = DealtKeys.Get(threshold, partyCount);
        var random = new SeededRandomSource(980 + threshold + (derived ? 1 : 0));
        var digest = new byte[32];
        random.Fill(digest);
        var order = new Random(threshold * partyCount);
        var signers = Enumerable.Range(1, partyCount).OrderBy(_ => order.Next()).Take(threshold).Order().ToArray();
        uint[] path = derived ? [3, 1_000_000] : [];
        var tweak = KeyDerivation.DeriveChild(shares[0].PublicKey, shares[0].RootChainCode, path).Tweak;
        var announced = new Dictionary<int, Point>();

        // pk_i travels in every S3 message of party i; collect it as the receivers would decode it.
        var partials = SigningHarness.Run(SigningHarness.Parties(shares, signers, digest, path, random), (message, _) =>
        {
            if (message.Round == 3)
            {
                announced[message.From] = MultiplicationResponseMessage.Decode(message.Payload.AsSpan(Header)).PublicKeyShare;
            }

            return message;
        });

        Assert.Equal(signers, announced.Keys.Order());
        foreach (var i in signers)
        {
            // Without ζ_i, sk_i = λ_i·(s_i + δ) and pk_i would be exactly λ_i·(S_i + δ·G), computable by anyone.
            var withoutZeroShare = (shares[i - 1].PublicShares[i - 1] + Point.MultiplyGenerator(tweak)).Multiply(Lagrange.CoefficientAtZero(i, signers));
            Assert.NotEqual(withoutZeroShare, announced[i]);
        }

        // ... while the zero shares cancel: Σ pk_i is still the (derived) public key, and the signature verifies.
        var child = KeyDerivation.DeriveChild(shares[0].PublicKey, shares[0].RootChainCode, path).PublicKey;
        Assert.Equal(child, Point.Sum(announced.Values));
        Assert.True(IndependentVerifier.VerifyWithDotNet(child, digest, SignatureAggregator.Combine(partials.Values.ToArray(), child, digest)));
    }

    [Fact]
    public void Session_digest_and_echo_digest_follow_the_documented_transcripts()
    {
        // docs/engine-signing.md §2: every field is bound; leaving one out (key id, generation, signers, path, digest,
        // a contribution; a commitment in the echo) changes the value, so these known answers pin the definitions.
        var shares = DealtKeys.Get(3, 5);
        var random = new SeededRandomSource(1210);
        var digest = new byte[32];
        random.Fill(digest);
        int[] signers = [1, 3, 5];
        uint[] path = [7, 11];
        var sid = SessionId.Random(random);
        var round1 = new Dictionary<int, NonceCommitmentMessage>();
        var echoes = new List<byte[]>();
        var partials = SigningHarness.Run(SigningHarness.Parties(shares, signers, digest, path, random, sid), (message, _) =>
        {
            if (message.Round == 1)
            {
                round1[message.From] = NonceCommitmentMessage.Decode(message.Payload.AsSpan(Header));
            }
            else if (message.Round == 3)
            {
                echoes.Add(MultiplicationResponseMessage.Decode(message.Payload.AsSpan(Header)).EchoDigest);
            }

            return message;
        });

        using var signSid = new Transcript("mpcwallet/dkls23/v1/signing/session-id");
        signSid.Append(shares[0].KeyId).Append((long)shares[0].Generation).Append(sid.Span).Append(signers.Length);
        foreach (var i in signers)
        {
            signSid.Append(i);
        }

        signSid.Append(path.Length);
        foreach (var index in path)
        {
            signSid.Append((long)index);
        }

        signSid.Append(digest);
        foreach (var i in signers)
        {
            signSid.Append(round1[i].SessionContribution);
        }

        var expected = signSid.Finish();
        Assert.All(partials.Values, p => Assert.Equal(expected, p.SigningSessionDigest));

        using var echo = new Transcript("mpcwallet/dkls23/v1/signing/echo-digest");
        echo.Append(expected);
        foreach (var i in signers)
        {
            echo.Append(i).Append(round1[i].SessionContribution).Append(round1[i].Commitment);
        }

        var expectedEcho = echo.Finish();
        Assert.Equal(signers.Length * (signers.Length - 1), echoes.Count);
        Assert.All(echoes, e => Assert.Equal(expectedEcho, e));
    }

    [Fact]
    public void Nonces_that_cancel_abort_with_nonce_identity_and_blame_nobody()
    {
        // Party 2's random source is rigged so that r_2 = −r_1 (its first draw is the nonce): R = identity. Commitments,
        // RVOLE and the Γ checks all pass; only the R ≠ identity check stops the session, and nobody is to blame.
        var shares = DealtKeys.Get(2, 3);
        var random = new SeededRandomSource(1201);
        var digest = new byte[32];
        random.Fill(digest);
        var sid = SessionId.Random(random);
        var r1 = Scalar.Random(new SeededRandomSource(1202));
        SigningParty[] parties =
        [
            new(sid, shares[0], [1, 2], digest, [], new SeededRandomSource(1202)),
            new(sid, shares[1], [1, 2], digest, [], new PrefixedRandomSource((-r1).ToBytes(), new SeededRandomSource(1203))),
        ];

        var run = AbortCollectingRunner.Run(parties);

        Assert.Equal([1, 2], run.Aborts.Keys.Order());
        Assert.All(run.Aborts.Values, abort =>
        {
            Assert.Equal(AbortChecks.NonceIdentity, abort.Check);
            Assert.Null(abort.Culprit);
            Assert.False(abort.BanRecommended);
        });
    }

    [Fact]
    public void Each_ordered_pair_and_session_has_its_own_rvole_session_id()
    {
        var digest = new byte[32];
        new SeededRandomSource(1204).Fill(digest);
        var other = (byte[])digest.Clone();
        other[0] ^= 1;
        var ids = new[]
        {
            SigningTranscripts.RvoleSessionId(digest, alice: 1, bob: 2),
            SigningTranscripts.RvoleSessionId(digest, alice: 2, bob: 1),
            SigningTranscripts.RvoleSessionId(digest, alice: 1, bob: 3),
            SigningTranscripts.RvoleSessionId(other, alice: 1, bob: 2),
        };
        Assert.Equal(ids.Length, ids.Select(Convert.ToHexString).Distinct().Count());
    }

    private static void AssertEveryoneStopsAtS2(
        int threshold, int partyCount, int odd, SeededRandomSource random, Func<int, SessionId, Mpc.KeyShares.KeyShare, int[], SigningParty> create)
    {
        var shares = DealtKeys.Get(threshold, partyCount);
        var signers = Enumerable.Range(1, partyCount).Where(i => i != odd).Take(threshold - 1).Append(odd).Order().ToArray();
        var sid = SessionId.Random(random);
        var parties = signers.Select(i => create(i, sid, shares[i - 1], signers)).ToArray();
        var abortedOnRound = new Dictionary<int, int>();
        var sentRounds = new HashSet<int>();
        var lastDelivered = new Dictionary<int, int>();

        var run = AbortCollectingRunner.Run(
            parties,
            (message, recipient) =>
            {
                lastDelivered[recipient] = message.Round;
                return message;
            },
            onSend: (message, _) => sentRounds.Add(message.Round));

        Assert.Empty(run.Outputs);
        Assert.Equal(signers, run.Aborts.Keys.Order());
        foreach (var (party, abort) in run.Aborts)
        {
            Assert.Equal(AbortChecks.SigningSessionMismatch, abort.Check);
            Assert.Null(abort.Culprit);
            Assert.False(abort.BanRecommended);
            Assert.Equal(2, lastDelivered[party]);
        }

        // S1 and S2 went out, nobody ever produced an S3 (an RVOLE answer computed with its key share).
        Assert.Equal([1, 2], sentRounds.Order());
    }
}
