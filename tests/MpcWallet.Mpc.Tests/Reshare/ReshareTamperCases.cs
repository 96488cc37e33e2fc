using System.Security.Cryptography;
using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Keygen;
using MpcWallet.Mpc.Reshare;
using MpcWallet.Mpc.Tests.Keygen;
using MpcWallet.Mpc.Wire;

namespace MpcWallet.Mpc.Tests.Reshare;

/// <summary>
/// Every message type and field of the fixture's reshare (2-of-3 → 2-of-3; party 1, 2 deal and receive, 3 only deals,
/// 4 only receives), tampered by one party: (a) one flipped byte per field, (b) well-formed but wrong values.
/// Body offsets follow docs/engine-reshare.md for t = 2, n = 3, t′ = 2, n′ = 3.
/// </summary>
internal static class ReshareTamperCases
{
    // R1 (dealer): contribution 0..31, commitment 32..63, key: t 64, n 65, generation 66..69, key id 70..101,
    // Y 102..134, chain code 135..166, S_1 167..199, S_2 200..232, S_3 233..265.
    public const int R1Commitment = 32;
    public const int R1Threshold = 64;
    public const int R1Generation = 66;
    public const int R1KeyId = 70;
    public const int R1PublicKey = 102;
    public const int R1ChainCode = 135;
    public const int R1PublicShares = 167;

    // R2 (dealer broadcast): digest 0..31, count 32..35, F_0 36..68, F_1 69..101, salt 102..133, count 134..137,
    // proofs 138..267.
    public const int R2Count = 32;
    public const int R2F0 = 36;
    public const int R2F1 = 69;
    public const int R2Salt = 102;
    public const int R2Proof0 = 138;

    // R3: digest 0..31, [sub-share 32..63], [base-OT reply (8448), [zero seed (32)]], count, echo (2 × 33).
    public const int R3SubShare = 32;
    public const int R3OtReplyAfterSubShare = 64;
    public const int R3ZeroSeedFromParty2 = 64 + 8448;

    // R4: digest 0..31, Y 32..64, S′ 65..97, proof A 98..130, z 131..162, confirmations about new indices 1 and 3.
    public const int R4Y = 32;
    public const int R4S = 65;
    public const int R4ProofA = 98;
    public const int R4ProofZ = 131;
    public const int R4Confirmations = 163;

    private static readonly (string, int?)[] DigestMismatch = [(AbortChecks.SessionDigestMismatch, null)];

    public static IEnumerable<ReshareTamperCase> Flips()
    {
        var malformedOr = (int sender, string check) => new (string, int?)[] { (AbortChecks.MalformedMessage, sender), (check, sender) };
        var by = (int sender, string check) => new (string, int?)[] { (check, sender) };
        var keyView = (string check) => malformedOr(2, AbortChecks.ReshareKeyView);

        yield return new("R1 session contribution", 2, 1, false, c => c.Flip(3), DigestMismatch);
        yield return new("R1 commitment", 2, 1, false, c => c.Flip(R1Commitment + 5), DigestMismatch);
        yield return new("R1 non-dealer contribution", 4, 1, false, c => c.Flip(31), DigestMismatch);
        yield return new("R1 old threshold out of range", 2, 1, false, c => c.Flip(R1Threshold, 0x02), by(2, AbortChecks.MalformedMessage));
        yield return new("R1 old threshold raised", 2, 1, false, c => c.Flip(R1Threshold, 0x01), [(AbortChecks.ReshareKeyView, 2), (AbortChecks.ReshareKeyView, null)]);
        yield return new("R1 generation", 2, 1, false, c => c.Flip(R1Generation + 3), by(2, AbortChecks.ReshareKeyView));
        yield return new("R1 key id", 2, 1, false, c => c.Flip(R1KeyId + 9), by(2, AbortChecks.ReshareKeyView));
        yield return new("R1 public key", 2, 1, false, c => c.Flip(R1PublicKey + 32), keyView(AbortChecks.ReshareKeyView));
        yield return new("R1 chain code", 2, 1, false, c => c.Flip(R1ChainCode + 1), by(2, AbortChecks.ReshareKeyView));
        yield return new("R1 public share", 2, 1, false, c => c.Flip(R1PublicShares + 33 + 32), keyView(AbortChecks.ReshareKeyView));
        yield return new("R1 truncated", 2, 1, false, c => c.Body[..^1], by(2, AbortChecks.MalformedMessage));
        yield return new("R1 non-dealer extended", 4, 1, false, c => [.. c.Body, 0], by(4, AbortChecks.MalformedMessage));

        yield return new("R2 session digest", 2, 2, false, c => c.Flip(0), DigestMismatch);
        yield return new("R2 coefficient count", 2, 2, false, c => c.Flip(R2Count + 3), malformedOr(2, AbortChecks.CoefficientCount));
        yield return new("R2 coefficient commitment", 2, 2, false, c => c.Flip(R2F1 + 32), malformedOr(2, AbortChecks.CommitmentMismatch));
        yield return new("R2 constant-term commitment", 2, 2, false, c => c.Flip(R2F0 + 20), malformedOr(2, AbortChecks.CommitmentMismatch));
        yield return new("R2 opening salt", 2, 2, false, c => c.Flip(R2Salt + 5), by(2, AbortChecks.CommitmentMismatch));
        yield return new("R2 proof announcement", 2, 2, false, c => c.Flip(R2Proof0 + 20), malformedOr(2, AbortChecks.SchnorrProof));
        yield return new("R2 proof response", 2, 2, false, c => c.Flip(R2Proof0 + 64), by(2, AbortChecks.SchnorrProof));
        yield return new("R2 proof count", 2, 2, false, c => c.Flip(R2Proof0 - 1), malformedOr(2, AbortChecks.ProofCount));
        yield return new("R2 extended", 2, 2, false, c => [.. c.Body, 0], by(2, AbortChecks.MalformedMessage));
        yield return new("R2 non-dealer session digest", 4, 2, false, c => c.Flip(17), DigestMismatch);
        yield return new("R2 non-dealer truncated", 4, 2, false, c => c.Body[..^1], by(4, AbortChecks.MalformedMessage));
        yield return new("R2 base-OT request session digest", 2, 2, true, c => c.Flip(7), DigestMismatch);
        yield return new("R2 base-OT request point encoding", 2, 2, true, c => c.Flip(32 + (33 * 17), 0x06), by(2, AbortChecks.MalformedMessage));

        yield return new("R3 session digest", 2, 3, true, c => c.Flip(31), DigestMismatch);
        yield return new("R3 sub-share", 2, 3, true, c => c.Flip(R3SubShare + 31), by(2, AbortChecks.FeldmanShare));
        yield return new("R3 base-OT reply encoding", 2, 3, true, c => c.Flip(R3OtReplyAfterSubShare + (33 * 100), 0x06), by(2, AbortChecks.MalformedMessage));
        yield return new("R3 zero-share seed", 2, 3, true, c => c.Flip(R3ZeroSeedFromParty2 + 4), by(2, AbortChecks.ZeroSeedConfirmation), Targets: [4]);
        yield return new("R3 echo count", 2, 3, true, c => c.Flip(-67), by(2, AbortChecks.MalformedMessage));
        yield return new("R3 echo point", 2, 3, true, c => c.Flip(-1), [(AbortChecks.MalformedMessage, 2), (AbortChecks.CommitmentEcho, null)]);
        yield return new("R3 dealer-only sub-share", 3, 3, true, c => c.Flip(R3SubShare + 30), by(3, AbortChecks.FeldmanShare));
        yield return new("R3 dealer-only session digest", 3, 3, true, c => c.Flip(2), DigestMismatch);
        yield return new("R3 dealer-only extended", 3, 3, true, c => [.. c.Body, 1], by(3, AbortChecks.MalformedMessage));
        yield return new("R3 non-dealer base-OT reply encoding", 4, 3, true, c => c.Flip(32 + (33 * 5), 0x06), by(4, AbortChecks.MalformedMessage));
        yield return new("R3 non-dealer echo point", 4, 3, true, c => c.Flip(-2), [(AbortChecks.MalformedMessage, 4), (AbortChecks.CommitmentEcho, null)]);

        yield return new("R4 session digest", 2, 4, false, c => c.Flip(12), DigestMismatch);
        yield return new("R4 public key", 2, 4, false, c => c.Flip(R4Y + 32), malformedOr(2, AbortChecks.PublicKeyMismatch));
        yield return new("R4 public share", 2, 4, false, c => c.Flip(R4S + 32), malformedOr(2, AbortChecks.PublicShareMismatch));
        yield return new("R4 proof announcement", 2, 4, false, c => c.Flip(R4ProofA + 32), malformedOr(2, AbortChecks.SecretShareProof));
        yield return new("R4 proof response", 2, 4, false, c => c.Flip(R4ProofZ + 31), by(2, AbortChecks.SecretShareProof));
        yield return new("R4 zero-seed confirmation to new index 1", 2, 4, false, c => c.Flip(R4Confirmations + 2), by(2, AbortChecks.ZeroSeedConfirmation), Detectors: [1]);
        yield return new("R4 zero-seed confirmation to new index 3", 2, 4, false, c => c.Flip(R4Confirmations + 32 + 2), by(2, AbortChecks.ZeroSeedConfirmation), Detectors: [4]);
        yield return new("R4 truncated", 2, 4, false, c => c.Body[..^1], by(2, AbortChecks.MalformedMessage));
    }

    public static IEnumerable<ReshareTamperCase> WrongValues()
    {
        var by = (int sender, string check) => new (string, int?)[] { (check, sender) };
        yield return new("R1 commitment to something else", 2, 1, false, c => [.. c.Body[..32], .. SHA256.HashData(c.Body), .. c.Body[64..]], by(2, AbortChecks.CommitmentMismatch), RewritesSessionDigest: true);
        yield return new("R1 other public shares on another line through Y", 2, 1, false, OtherConsistentShares, [(AbortChecks.ReshareKeyView, 2), (AbortChecks.ReshareKeyView, null)]);
        yield return new("R1 one public share off the line", 2, 1, false, c => ShiftShare(c, 3), by(2, AbortChecks.ReshareKeyView));
        yield return new("R2 one coefficient too many", 2, 2, false, c => Coefficients(c, m => new(m.SessionDigest, [.. m.CoefficientCommitments, Point.Generator], m.Salt, m.Proofs, null)), by(2, AbortChecks.CoefficientCount));
        yield return new("R2 one coefficient too few", 2, 2, false, c => Coefficients(c, m => new(m.SessionDigest, [m.CoefficientCommitments[0]], m.Salt, m.Proofs, null)), by(2, AbortChecks.CoefficientCount));
        yield return new("R2 one proof too few", 2, 2, false, c => Coefficients(c, m => new(m.SessionDigest, m.CoefficientCommitments, m.Salt, [m.Proofs[0]], null)), by(2, AbortChecks.ProofCount));
        yield return new("R2 another constant term", 2, 2, false, c => Coefficients(c, m => new(m.SessionDigest, [m.CoefficientCommitments[0] + Point.Generator, m.CoefficientCommitments[1]], m.Salt, m.Proofs, null)), by(2, AbortChecks.CommitmentMismatch));
        yield return new("R2 proofs for other statements", 2, 2, false, c => Coefficients(c, m => new(m.SessionDigest, m.CoefficientCommitments, m.Salt, [m.Proofs[1], m.Proofs[0]], null)), by(2, AbortChecks.SchnorrProof));
        yield return new("R2 a dealer's coefficients sent as a non-dealer's", 4, 2, false, c => Coefficients(Sibling(c, 2, 2), m => m), by(4, AbortChecks.MalformedMessage));
        yield return new("R3 sub-share for another index", 2, 3, true, c => Share(c, (m, other) => With(m, subShare: other.SubShare)), by(2, AbortChecks.FeldmanShare));
        yield return new("R3 another scalar", 2, 3, true, c => Share(c, (m, _) => With(m, subShare: m.SubShare!.Value + Scalar.One)), by(2, AbortChecks.FeldmanShare));
        yield return new("R3 wrong echo", 2, 3, true, c => Share(c, (m, _) => With(m, echo: [m.Echo[0], Point.Generator])), [(AbortChecks.CommitmentEcho, null)]);
        yield return new("R3 short echo", 2, 3, true, c => Share(c, (m, _) => With(m, echo: [m.Echo[0]])), [(AbortChecks.CommitmentEcho, null)]);
        yield return new("R3 another zero-share seed", 2, 3, true, c => Share(c, (m, _) => With(m, zeroSeed: SHA256.HashData(m.ZeroShareSeed!))), by(2, AbortChecks.ZeroSeedConfirmation), Targets: [4]);
        yield return new("R4 another public key", 2, 4, false, c => Confirmation(c, m => new(m.SessionDigest, m.PublicKey + Point.Generator, m.PublicShare, m.Proof, m.ZeroSeedConfirmations)), by(2, AbortChecks.PublicKeyMismatch));
        yield return new("R4 another public share", 2, 4, false, c => Confirmation(c, m => new(m.SessionDigest, m.PublicKey, m.PublicShare + Point.Generator, m.Proof, m.ZeroSeedConfirmations)), by(2, AbortChecks.PublicShareMismatch));
        yield return new("R4 proof of another party", 2, 4, false, c => Confirmation(c, m => new(m.SessionDigest, m.PublicKey, m.PublicShare, OtherConfirmation(c).Proof, m.ZeroSeedConfirmations)), by(2, AbortChecks.SecretShareProof));
        yield return new("R4 another party's public share and proof", 2, 4, false, c => Confirmation(c, m => new(m.SessionDigest, m.PublicKey, OtherConfirmation(c).PublicShare, OtherConfirmation(c).Proof, m.ZeroSeedConfirmations)), by(2, AbortChecks.PublicShareMismatch));
    }

    /// <summary>S′_j = S_j + j·G: still a line through Y (so consistent), but not the key's public shares.</summary>
    private static byte[] OtherConsistentShares(TamperContext c)
    {
        var body = (byte[])c.Body.Clone();
        for (var j = 1; j <= 3; j++)
        {
            var at = R1PublicShares + ((j - 1) * Point.EncodedLength);
            var shifted = Point.Decode(body.AsSpan(at, Point.EncodedLength)) + Point.MultiplyGenerator(Scalar.FromUInt64((ulong)j));
            shifted.Encode().CopyTo(body, at);
        }

        return body;
    }

    /// <summary>S_j + G for one j: a valid point, but the shares no longer lie on one line through Y.</summary>
    private static byte[] ShiftShare(TamperContext c, int j)
    {
        var body = (byte[])c.Body.Clone();
        var at = R1PublicShares + ((j - 1) * Point.EncodedLength);
        (Point.Decode(body.AsSpan(at, Point.EncodedLength)) + Point.Generator).Encode().CopyTo(body, at);
        return body;
    }

    private static TamperContext Sibling(TamperContext c, int from, int round) =>
        c with { Body = TamperContext.BodyOf(c.Sent.First(m => m.Round == round && m.From == from && m.To is null)) };

    private static byte[] Coefficients(TamperContext c, Func<DkgCoefficientsMessage, DkgCoefficientsMessage> change) =>
        change(DkgCoefficientsMessage.Decode(c.Body, withChainCode: false)).Encode();

    private static byte[] Confirmation(TamperContext c, Func<DkgConfirmationMessage, DkgConfirmationMessage> change) =>
        change(DkgConfirmationMessage.Decode(c.Body, 3)).Encode();

    /// <summary>Party 1's or 4's R4 (a new holder other than the sender), as the source of a valid foreign proof.</summary>
    private static DkgConfirmationMessage OtherConfirmation(TamperContext c)
    {
        var other = c.Sent.First(m => m.Round == 4 && m.From != 2);
        return DkgConfirmationMessage.Decode(TamperContext.BodyOf(other), 3);
    }

    /// <summary>Party 2's R3 towards this recipient and towards the other new holder (new indices: party 1 → 1, party 4 → 3).</summary>
    private static byte[] Share(TamperContext c, Func<ReshareShareMessage, ReshareShareMessage, ReshareShareMessage> change)
    {
        var message = ReshareShareMessage.Decode(c.Body, true, true, withZeroShareSeed: c.Recipient == 4);
        var sibling = c.Sent.First(m => m.Round == 3 && m.From == 2 && m.To != c.Recipient);
        var other = ReshareShareMessage.Decode(TamperContext.BodyOf(sibling), true, true, withZeroShareSeed: sibling.To == 4);
        return change(message, other).Encode();
    }

    private static ReshareShareMessage With(ReshareShareMessage m, Scalar? subShare = null, IReadOnlyList<Point>? echo = null, byte[]? zeroSeed = null) =>
        new(m.SessionDigest, subShare ?? m.SubShare, m.OtReply, zeroSeed ?? m.ZeroShareSeed, echo ?? m.Echo);
}
