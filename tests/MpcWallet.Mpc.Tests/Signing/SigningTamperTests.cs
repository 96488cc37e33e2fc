using System.Reflection;
using MpcWallet.Mpc.Commitments;
using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Multiplication;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Signing;
using MpcWallet.Mpc.Tests.Support;

namespace MpcWallet.Mpc.Tests.Signing;

/// <summary>
/// A "malicious" party 2 among signers {1, 2, 3}: its messages to party 1 are altered after it produced them (validly
/// authenticated but wrong content). Party 1 must abort naming party 2 (ban exactly where §2.8 says so) or, for
/// session/echo disagreements, abort without blaming anyone; no abort anywhere may blame or ban an honest party.
/// </summary>
public sealed class SigningTamperTests
{
    private const int Attacker = 2;
    private const int Victim = 1;
    private const int Header = RoundBasedParty<PartialSignature>.HeaderLength;

    // S3 field offsets inside the body.
    private const int S3Response = 32;
    private const int S3EtaPrime = S3Response + RvoleResponse.CorrectionLength;
    private const int S3Mu = S3EtaPrime + 32;
    private const int S3Echo = S3Response + RvoleResponse.EncodedLength;
    private const int S3PublicKey = S3Echo + 32;
    private const int S3Nonce = S3PublicKey + 33;
    private const int S3Salt = S3Nonce + 33;
    private const int S3GammaU = S3Salt + 32;
    private const int S3GammaV = S3GammaU + 33;
    private const int S3Psi = S3GammaV + 33;

    private static readonly string[] BanChecks =
        [AbortChecks.OtExtensionConsistency, AbortChecks.RvoleMu, AbortChecks.NonceConsistency, AbortChecks.KeyShareConsistency];

    private readonly Random _choice = new(5);

    [Theory]
    // S1: sid contribution, commitment, key id, generation.
    [InlineData(1, 0, AbortChecks.SigningSessionMismatch, 0)]
    [InlineData(1, 45, AbortChecks.CommitmentMismatch, Attacker)]
    [InlineData(1, 70, AbortChecks.KeyGenerationMismatch, Attacker)]
    [InlineData(1, 99, AbortChecks.KeyGenerationMismatch, Attacker)]
    // S2: sign_sid, then the RVOLE request (correction matrix, check x, check t).
    [InlineData(2, 3, AbortChecks.SigningSessionMismatch, 0)]
    [InlineData(2, 32 + 5, AbortChecks.OtExtensionConsistency, Attacker)]
    [InlineData(2, 32 + 20_000, AbortChecks.OtExtensionConsistency, Attacker)]
    [InlineData(2, 32 + 20_480 + 3, AbortChecks.OtExtensionConsistency, Attacker)]
    [InlineData(2, 32 + 24_591, AbortChecks.OtExtensionConsistency, Attacker)]
    // S3: sign_sid, RVOLE ã / η′ / μ, echo, salt, ψ (points are covered below: a flip may leave the curve).
    [InlineData(3, 31, AbortChecks.SigningSessionMismatch, 0)]
    [InlineData(3, S3Response + 31, AbortChecks.RvoleMu, Attacker)]
    [InlineData(3, S3Response + (700 * 32) + 31, AbortChecks.RvoleMu, Attacker)]
    [InlineData(3, S3EtaPrime + 31, AbortChecks.RvoleMu, Attacker)]
    [InlineData(3, S3Mu + 7, AbortChecks.RvoleMu, Attacker)]
    [InlineData(3, S3Echo + 1, AbortChecks.SigningEchoMismatch, 0)]
    [InlineData(3, S3Salt + 9, AbortChecks.CommitmentMismatch, Attacker)]
    public void Flipped_byte_is_detected(int round, int offset, string check, int culprit)
    {
        var run = RunTampered(round, message => FlipBodyByte(message, offset));
        AssertVictimAborted(run, [check], culprit == 0 ? null : culprit);
    }

    [Theory]
    [InlineData(S3PublicKey, AbortChecks.KeyShareConsistency)]
    [InlineData(S3Nonce, AbortChecks.CommitmentMismatch)]
    [InlineData(S3GammaU, AbortChecks.NonceConsistency)]
    [InlineData(S3GammaV, AbortChecks.KeyShareConsistency)]
    public void Flipped_byte_in_an_S3_point_is_malformed_or_fails_its_check(int field, string check)
    {
        foreach (var position in new[] { 1, 17, 32 })
        {
            var run = RunTampered(3, message => FlipBodyByte(message, field + position));
            AssertVictimAborted(run, [check, AbortChecks.MalformedMessage], Attacker);
        }
    }

    [Theory]
    [InlineData(1, -1)]
    [InlineData(1, +1)]
    [InlineData(2, -1)]
    [InlineData(2, +1)]
    [InlineData(3, -1)]
    [InlineData(3, +1)]
    public void Truncated_or_extended_message_is_malformed(int round, int delta)
    {
        var run = RunTampered(round, message =>
        {
            var payload = message.Payload;
            var resized = delta < 0 ? payload[..^1] : [.. payload, 0];
            return message with { Payload = resized };
        });
        AssertVictimAborted(run, [AbortChecks.MalformedMessage], Attacker);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Message_too_short_for_a_session_digest_is_malformed(int round)
    {
        var run = RunTampered(round, message => message with { Payload = message.Payload[..(Header + 31)] });
        AssertVictimAborted(run, [AbortChecks.MalformedMessage], Attacker);
    }

    [Fact]
    public void Non_canonical_scalar_and_invalid_point_encodings_are_malformed()
    {
        var q = Convert.FromHexString("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141");
        AssertVictimAborted(RunTampered(3, m => Overwrite(m, S3Psi, q)), [AbortChecks.MalformedMessage], Attacker);
        AssertVictimAborted(RunTampered(3, m => Overwrite(m, S3Response, q)), [AbortChecks.MalformedMessage], Attacker);
        AssertVictimAborted(RunTampered(3, m => Overwrite(m, S3GammaU, [0x00])), [AbortChecks.MalformedMessage], Attacker);
        AssertVictimAborted(RunTampered(3, m => Overwrite(m, S3Nonce, [0x04])), [AbortChecks.MalformedMessage], Attacker);
        // x = p (not a field element) with a valid prefix.
        var p = Convert.FromHexString("02FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F");
        AssertVictimAborted(RunTampered(3, m => Overwrite(m, S3PublicKey, p)), [AbortChecks.MalformedMessage], Attacker);
    }

    [Fact]
    public void S1_commitment_to_another_nonce_fails_the_opening()
    {
        var run = RunTampered(1, message =>
        {
            var (commitment, _) = HashCommitment.Commit(message.SessionId, Attacker, "signing/nonce", RandomPoint().Encode(), new SeededRandomSource(1));
            return Overwrite(message, 32, commitment);
        });
        AssertVictimAborted(run, [AbortChecks.CommitmentMismatch], Attacker);
    }

    [Fact]
    public void S2_request_meant_for_another_party_fails_the_extension_check()
    {
        byte[]? toThird = null;
        var run = RunTampered(2, message => message with { Payload = [.. message.Payload[..Header], .. toThird!] }, capture: (message, recipient) =>
        {
            if (message.From == Attacker && message.Round == 2 && recipient == 3)
            {
                toThird = message.Payload[Header..];
            }
        });
        AssertVictimAborted(run, [AbortChecks.OtExtensionConsistency], Attacker);
    }

    [Fact]
    public void S3_wrong_public_key_share_fails_the_gamma_v_check()
    {
        var run = RunTampered(3, m => Rewrite(m, s => With(s, publicKeyShare: s.PublicKeyShare + Point.Generator)));
        AssertVictimAborted(run, [AbortChecks.KeyShareConsistency], Attacker);
    }

    [Fact]
    public void S3_another_nonce_point_fails_the_opening()
    {
        AssertVictimAborted(RunTampered(3, m => Rewrite(m, s => With(s, nonce: RandomPoint()))), [AbortChecks.CommitmentMismatch], Attacker);

        // A correct opening of a different commitment is still not an opening of the S1 commitment.
        var run = RunTampered(3, m => Rewrite(m, s =>
        {
            var other = RandomPoint();
            var (_, salt) = HashCommitment.Commit(m.SessionId, Attacker, "signing/nonce", other.Encode(), new SeededRandomSource(2));
            return With(s, nonce: other, salt: salt);
        }));
        AssertVictimAborted(run, [AbortChecks.CommitmentMismatch], Attacker);
    }

    [Fact]
    public void S3_wrong_gammas_fail_their_checks_and_ban()
    {
        AssertVictimAborted(RunTampered(3, m => Rewrite(m, s => With(s, gammaU: s.GammaU + Point.Generator))), [AbortChecks.NonceConsistency], Attacker);
        AssertVictimAborted(RunTampered(3, m => Rewrite(m, s => With(s, gammaV: RandomPoint()))), [AbortChecks.KeyShareConsistency], Attacker);
    }

    [Fact]
    public void S3_response_from_another_rvole_instance_fails_mu()
    {
        byte[]? toThird = null;
        var run = RunTampered(3, m => Overwrite(m, S3Response, toThird![S3Response..S3Echo]), capture: (message, recipient) =>
        {
            if (message.From == Attacker && message.Round == 3 && recipient == 3)
            {
                toThird = message.Payload[Header..];
            }
        });
        AssertVictimAborted(run, [AbortChecks.RvoleMu], Attacker);
    }

    [Fact]
    public void S3_wrong_psi_is_caught_only_by_the_final_signature_check()
    {
        // ψ is not verifiable by its receiver (DKLs23 relies on the final verification for it), so the session completes
        // and combining fails without blaming anyone.
        var (parties, digest) = Session();
        var run = AbortCollectingRunner.Run(parties, (message, recipient) =>
            message.From == Attacker && recipient == Victim && message.Round == 3
                ? Rewrite(message, s => With(s, psi: s.Psi + Scalar.One))
                : message);

        Assert.Empty(run.Aborts);
        var abort = Assert.Throws<ProtocolAbortException>(() =>
            SignatureAggregator.Combine(run.Outputs.Values.ToArray(), parties[0].SigningPublicKey, digest));
        Assert.Equal(AbortChecks.FinalSignatureInvalid, abort.Check);
        Assert.Null(abort.Culprit);
        Assert.False(abort.BanRecommended);
    }

    [Fact]
    public void A_party_whose_rvole_nonce_input_differs_from_its_committed_nonce_is_banned_by_everyone()
    {
        // Party 2 commits to R_2 = r·G in S1, then feeds r + 1 into every RVOLE (changed before it answers any request).
        var run = RunMalicious(party =>
        {
            var field = Field("_nonce");
            field.SetValue(party, (Scalar)field.GetValue(party)! + Scalar.One);
        });

        foreach (var honest in new[] { 1, 3 })
        {
            Assert.Equal(AbortChecks.NonceConsistency, run.Aborts[honest].Check);
            Assert.Equal(Attacker, run.Aborts[honest].Culprit);
            Assert.True(run.Aborts[honest].BanRecommended);
        }
    }

    [Fact]
    public void A_party_using_a_consistent_but_wrong_key_share_is_caught_by_the_public_key_sum()
    {
        // Γ checks pass (RVOLE input and pk_2 agree) but Σ pk_j ≠ Y + δ·G: abort without blame, as §2.8 specifies.
        var run = RunMalicious(party =>
        {
            var secret = (Scalar)Field("_secret").GetValue(party)! + Scalar.One;
            Field("_secret").SetValue(party, secret);
            Field("_publicKeyShare").SetValue(party, Point.MultiplyGenerator(secret));
        });

        foreach (var honest in new[] { 1, 3 })
        {
            Assert.Equal(AbortChecks.DerivedPublicKeySum, run.Aborts[honest].Check);
            Assert.Null(run.Aborts[honest].Culprit);
            Assert.False(run.Aborts[honest].BanRecommended);
        }
    }

    [Fact]
    public void A_message_from_another_session_is_rejected()
    {
        var shares = DealtKeys.Get(3, 5);
        var random = new SeededRandomSource(90);
        var digest = new byte[32];
        random.Fill(digest);
        var transcript = new List<ProtocolMessage>();
        SigningHarness.Run(SigningHarness.Parties(shares, [1, 2, 3], digest, null, random), transcript: transcript);
        var oldS1 = transcript.First(m => m.From == Attacker && m.Round == 1);
        var oldS2 = transcript.First(m => m.From == Attacker && m.Round == 2 && m.To == Victim);

        // A fresh session id: the envelope check drops the message without blame; rewriting the envelope is caught by
        // the authenticated header and blamed on its claimed sender.
        var fresh = SigningHarness.Parties(shares, [1, 2, 3], digest, null, random);
        fresh[0].Start();
        Assert.Throws<ProtocolMessageRejectedException>(() => fresh[0].Receive(oldS1));
        var abort = Assert.Throws<ProtocolAbortException>(() => fresh[0].Receive(oldS1 with { SessionId = fresh[0].SessionId }));
        Assert.Equal(AbortChecks.MalformedMessage, abort.Check);
        Assert.Equal(Attacker, abort.Culprit);

        // Even if a coordinator reused the session id, the fresh sign_sid contributions make an old S2 fail without blame.
        var reused = SigningHarness.Parties(shares, [1, 2, 3], digest, null, random, oldS1.SessionId);
        var run = AbortCollectingRunner.Run(reused, (message, recipient) =>
            message.From == Attacker && recipient == Victim && message.Round == 2 ? oldS2 : message);
        AssertVictimAborted(run, [AbortChecks.SigningSessionMismatch], null);
    }

    private static void AssertVictimAborted(AbortCollectingRunner run, string[] allowedChecks, int? culprit)
    {
        Assert.True(run.Aborts.TryGetValue(Victim, out var abort), "the victim did not abort");
        Assert.Contains(abort.Check, allowedChecks);
        Assert.Equal(culprit, abort.Culprit);
        Assert.Equal(BanChecks.Contains(abort.Check), abort.BanRecommended);
        foreach (var other in run.Aborts.Values)
        {
            Assert.True(other.Culprit is null || other.Culprit == Attacker, $"an honest party was blamed: {other.Message}");
            Assert.True(!other.BanRecommended || other.Culprit == Attacker, $"an honest party was banned: {other.Message}");
        }

        Assert.DoesNotContain(Victim, run.Outputs.Keys);
    }

    private static AbortCollectingRunner RunTampered(int round, Func<ProtocolMessage, ProtocolMessage> tamper, Action<ProtocolMessage, int>? capture = null)
    {
        var (parties, _) = Session();
        return AbortCollectingRunner.Run(
            parties,
            (message, recipient) => message.From == Attacker && recipient == Victim && message.Round == round ? tamper(message) : message,
            capture);
    }

    private static AbortCollectingRunner RunMalicious(Action<SigningParty> corrupt)
    {
        var (parties, _) = Session();
        var attacker = parties.Single(p => p.Self == Attacker);
        var corrupted = false;
        return AbortCollectingRunner.Run(parties, onSend: (message, _) =>
        {
            // The attacker sends its S2 right after finishing round 1, before it has answered any request.
            if (!corrupted && message.From == Attacker && message.Round == 2)
            {
                corrupt(attacker);
                corrupted = true;
            }
        });
    }

    private static (SigningParty[] Parties, byte[] Digest) Session()
    {
        var shares = DealtKeys.Get(3, 5);
        var random = new SeededRandomSource(4242);
        var digest = new byte[32];
        random.Fill(digest);
        return (SigningHarness.Parties(shares, [1, 2, 3], digest, null, random), digest);
    }

    private static FieldInfo Field(string name) =>
        typeof(SigningParty).GetField(name, BindingFlags.NonPublic | BindingFlags.Instance) ?? throw new MissingFieldException(name);

    private static ProtocolMessage FlipBodyByte(ProtocolMessage message, int offset)
    {
        var payload = (byte[])message.Payload.Clone();
        payload[Header + offset] ^= 0x01;
        return message with { Payload = payload };
    }

    private static ProtocolMessage Overwrite(ProtocolMessage message, int offset, byte[] bytes)
    {
        var payload = (byte[])message.Payload.Clone();
        bytes.CopyTo(payload, Header + offset);
        return message with { Payload = payload };
    }

    private static ProtocolMessage Rewrite(ProtocolMessage message, Func<MultiplicationResponseMessage, MultiplicationResponseMessage> change)
    {
        var body = MultiplicationResponseMessage.Decode(message.Payload.AsSpan(Header));
        return message with { Payload = [.. message.Payload[..Header], .. change(body).Encode()] };
    }

    private static MultiplicationResponseMessage With(
        MultiplicationResponseMessage s,
        Point? publicKeyShare = null,
        Point? nonce = null,
        byte[]? salt = null,
        Point? gammaU = null,
        Point? gammaV = null,
        Scalar? psi = null) => new()
        {
            SigningSessionDigest = s.SigningSessionDigest,
            Response = s.Response,
            EchoDigest = s.EchoDigest,
            PublicKeyShare = publicKeyShare ?? s.PublicKeyShare,
            Nonce = nonce ?? s.Nonce,
            NonceSalt = salt ?? s.NonceSalt,
            GammaU = gammaU ?? s.GammaU,
            GammaV = gammaV ?? s.GammaV,
            Psi = psi ?? s.Psi,
        };

    private static Point RandomPoint() => Point.MultiplyGenerator(Scalar.Random(Randomness.SystemRandomSource.Instance));
}
