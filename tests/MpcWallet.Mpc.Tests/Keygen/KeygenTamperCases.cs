using System.Security.Cryptography;
using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Keygen;
using MpcWallet.Mpc.Ot;

namespace MpcWallet.Mpc.Tests.Keygen;

/// <summary>
/// Every message type and field of a 2-of-3 key generation, tampered by party 2: (a) one flipped byte per field,
/// (b) well-formed but wrong values. Body offsets follow docs/engine-keygen.md for t = 2, n = 3.
/// </summary>
internal static class KeygenTamperCases
{
    // K2b: digest 0..31, count 32..35, F_0 36..68, F_1 69..101, salt 102..133, count 134..137, proofs 138..267
    // (A 33 ‖ z 32 each), chain-code commitment 268..299.
    public const int K2bCount = 32;
    public const int K2bF1 = 69;
    public const int K2bSalt = 102;
    public const int K2bProof0 = 138;
    public const int K2bChainCode = 268;

    // K3: digest 0..31, share 32..63, base-OT reply 64..8511, [zero seed to a higher index], chain code, salt, echo.
    public const int K3Share = 32;
    public const int K3OtReply = 64;
    public const int K3AfterReply = 64 + 8448;

    // K4: digest 0..31, Y 32..64, S 65..97, proof A 98..130, z 131..162, confirmations 163.. (one per other party).
    public const int K4Y = 32;
    public const int K4S = 65;
    public const int K4ProofA = 98;
    public const int K4ProofZ = 131;
    public const int K4Confirmations = 163;

    private static readonly (string, int?)[] DigestMismatch = [(AbortChecks.SessionDigestMismatch, null)];

    public static IEnumerable<TamperCase> Flips(bool refresh)
    {
        var malformedOr = (string check) => new (string, int?)[] { (AbortChecks.MalformedMessage, TamperCase.Sender), (check, TamperCase.Sender) };
        var by = (string check) => new (string, int?)[] { (check, TamperCase.Sender) };
        var zeroSeed = (int recipient) => K3AfterReply;
        var chainCode = (int recipient) => K3AfterReply + (recipient > TamperCase.Sender ? 32 : 0);

        yield return new("K1 session contribution", 1, false, c => c.Flip(3), DigestMismatch, Detectors: [1, 2, 3]);
        yield return new("K1 commitment", 1, false, c => c.Flip(40), DigestMismatch, Detectors: [1, 2, 3]);
        yield return new("K2a session digest", 2, true, c => c.Flip(7), DigestMismatch);
        yield return new("K2a base-OT point encoding", 2, true, c => c.Flip(32 + (33 * 17), 0x06), by(AbortChecks.MalformedMessage));
        yield return new("K2b session digest", 2, false, c => c.Flip(0), DigestMismatch);
        yield return new("K2b coefficient count", 2, false, c => c.Flip(K2bCount + 3), malformedOr(AbortChecks.CoefficientCount));
        yield return new("K2b coefficient commitment", 2, false, c => c.Flip(K2bF1 + 32), malformedOr(AbortChecks.CommitmentMismatch));
        yield return new("K2b opening salt", 2, false, c => c.Flip(K2bSalt + 5), by(AbortChecks.CommitmentMismatch));
        yield return new("K2b proof announcement", 2, false, c => c.Flip(K2bProof0 + 20), malformedOr(AbortChecks.SchnorrProof));
        yield return new("K2b proof response", 2, false, c => c.Flip(K2bProof0 + 64), by(AbortChecks.SchnorrProof));
        yield return new("K2b proof count", 2, false, c => c.Flip(K2bProof0 - 1), malformedOr(AbortChecks.ProofCount));
        if (!refresh)
        {
            yield return new("K2b chain-code commitment", 2, false, c => c.Flip(K2bChainCode + 9), by(AbortChecks.ChainCodeOpening));
        }

        yield return new("K3 session digest", 3, true, c => c.Flip(31), DigestMismatch);
        yield return new("K3 share", 3, true, c => c.Flip(K3Share + 31), by(AbortChecks.FeldmanShare));
        yield return new("K3 base-OT reply encoding", 3, true, c => c.Flip(K3OtReply + (33 * 100), 0x06), by(AbortChecks.MalformedMessage));
        yield return new("K3 zero-share seed", 3, true, c => c.Flip(zeroSeed(c.Recipient) + 4), by(AbortChecks.ZeroSeedConfirmation), Targets: [3]);
        if (!refresh)
        {
            yield return new("K3 chain-code contribution", 3, true, c => c.Flip(chainCode(c.Recipient) + 1), by(AbortChecks.ChainCodeOpening));
            yield return new("K3 chain-code salt", 3, true, c => c.Flip(chainCode(c.Recipient) + 40), by(AbortChecks.ChainCodeOpening));
        }

        yield return new("K3 echo count", 3, true, c => c.Flip(-67), by(AbortChecks.MalformedMessage));
        yield return new("K3 echo point", 3, true, c => c.Flip(-1), [(AbortChecks.MalformedMessage, TamperCase.Sender), (AbortChecks.CommitmentEcho, null)]);
        yield return new("K4 session digest", 4, false, c => c.Flip(12), DigestMismatch);
        yield return new("K4 public key", 4, false, c => c.Flip(K4Y + 32), malformedOr(AbortChecks.PublicKeyMismatch));
        yield return new("K4 public share", 4, false, c => c.Flip(K4S + 32), malformedOr(AbortChecks.PublicShareMismatch));
        yield return new("K4 proof announcement", 4, false, c => c.Flip(K4ProofA + 32), malformedOr(AbortChecks.SecretShareProof));
        yield return new("K4 proof response", 4, false, c => c.Flip(K4ProofZ + 31), by(AbortChecks.SecretShareProof));
        yield return new("K4 zero-seed confirmation to 1", 4, false, c => c.Flip(K4Confirmations + 2), by(AbortChecks.ZeroSeedConfirmation), Detectors: [1]);
        yield return new("K4 zero-seed confirmation to 3", 4, false, c => c.Flip(K4Confirmations + 32 + 2), by(AbortChecks.ZeroSeedConfirmation), Detectors: [3]);
        yield return new("K4 truncated", 4, false, c => c.Body[..^1], by(AbortChecks.MalformedMessage));
        yield return new("K2b extended", 2, false, c => [.. c.Body, 0], by(AbortChecks.MalformedMessage));
    }

    public static IEnumerable<TamperCase> WrongValues()
    {
        var by = (string check) => new (string, int?)[] { (check, TamperCase.Sender) };
        yield return new("K1 commitment to something else", 1, false, c => [.. c.Body[..32], .. SHA256.HashData(c.Body)], by(AbortChecks.CommitmentMismatch), RewritesSessionDigest: true);
        yield return new("K2b one coefficient too many", 2, false, c => Coefficients(c, m => new(m.SessionDigest, [.. m.CoefficientCommitments, Point.Generator], m.Salt, m.Proofs, m.ChainCodeCommitment)), by(AbortChecks.CoefficientCount));
        yield return new("K2b one coefficient too few", 2, false, c => Coefficients(c, m => new(m.SessionDigest, [m.CoefficientCommitments[0]], m.Salt, m.Proofs, m.ChainCodeCommitment)), by(AbortChecks.CoefficientCount));
        yield return new("K2b one proof too few", 2, false, c => Coefficients(c, m => new(m.SessionDigest, m.CoefficientCommitments, m.Salt, [m.Proofs[0]], m.ChainCodeCommitment)), by(AbortChecks.ProofCount));
        yield return new("K2b another coefficient point", 2, false, c => Coefficients(c, m => new(m.SessionDigest, [m.CoefficientCommitments[0], m.CoefficientCommitments[1] + Point.Generator], m.Salt, m.Proofs, m.ChainCodeCommitment)), by(AbortChecks.CommitmentMismatch));
        yield return new("K2b proofs for other statements", 2, false, c => Coefficients(c, m => new(m.SessionDigest, m.CoefficientCommitments, m.Salt, [m.Proofs[1], m.Proofs[0]], m.ChainCodeCommitment)), by(AbortChecks.SchnorrProof));
        yield return new("K3 share for another index", 3, true, c => Share(c, (m, other) => With(m, share: other.Share)), by(AbortChecks.FeldmanShare));
        yield return new("K3 another scalar", 3, true, c => Share(c, (m, _) => With(m, share: m.Share + Scalar.One)), by(AbortChecks.FeldmanShare));
        yield return new("K3 wrong echo", 3, true, c => Share(c, (m, _) => With(m, echo: [m.Echo[0], Point.Generator])), [(AbortChecks.CommitmentEcho, null)]);
        yield return new("K3 short echo", 3, true, c => Share(c, (m, _) => With(m, echo: [m.Echo[0]])), [(AbortChecks.CommitmentEcho, null)]);
        yield return new("K3 another chain code", 3, true, c => Share(c, (m, other) => With(m, chainCode: SHA256.HashData(m.ChainCodeContribution!))), by(AbortChecks.ChainCodeOpening));
        yield return new("K3 another zero-share seed", 3, true, c => Share(c, (m, _) => With(m, zeroSeed: SHA256.HashData(m.ZeroShareSeed!))), by(AbortChecks.ZeroSeedConfirmation), Targets: [3]);
        yield return new("K4 another public key", 4, false, c => Confirmation(c, m => new(m.SessionDigest, m.PublicKey + Point.Generator, m.PublicShare, m.Proof, m.ZeroSeedConfirmations)), by(AbortChecks.PublicKeyMismatch));
        yield return new("K4 another public share", 4, false, c => Confirmation(c, m => new(m.SessionDigest, m.PublicKey, m.PublicShare + Point.Generator, m.Proof, m.ZeroSeedConfirmations)), by(AbortChecks.PublicShareMismatch));
        yield return new("K4 proof of another party", 4, false, c => Confirmation(c, m => new(m.SessionDigest, m.PublicKey, m.PublicShare, OtherConfirmation(c).Proof, m.ZeroSeedConfirmations)), by(AbortChecks.SecretShareProof));
        yield return new("K4 another party's public share and proof", 4, false, c => Confirmation(c, m => new(m.SessionDigest, m.PublicKey, OtherConfirmation(c).PublicShare, OtherConfirmation(c).Proof, m.ZeroSeedConfirmations)), by(AbortChecks.PublicShareMismatch));
    }

    public static byte[] Coefficients(TamperContext c, Func<DkgCoefficientsMessage, DkgCoefficientsMessage> change, bool refresh = false) =>
        change(DkgCoefficientsMessage.Decode(c.Body, withChainCode: !refresh)).Encode();

    public static byte[] Confirmation(TamperContext c, Func<DkgConfirmationMessage, DkgConfirmationMessage> change) =>
        change(DkgConfirmationMessage.Decode(c.Body, 3)).Encode();

    /// <summary>Party 1's or 3's K4 (whichever the sender is not talking to), as the source of a valid foreign proof.</summary>
    public static DkgConfirmationMessage OtherConfirmation(TamperContext c)
    {
        var other = c.Sent.First(m => m.Round == 4 && m.From != TamperCase.Sender);
        return DkgConfirmationMessage.Decode(TamperContext.BodyOf(other), 3);
    }

    public static byte[] Share(TamperContext c, Func<DkgShareMessage, DkgShareMessage, DkgShareMessage> change, bool refresh = false)
    {
        var message = DkgShareMessage.Decode(c.Body, TamperCase.Sender < c.Recipient, !refresh);
        var sibling = c.Sent.First(m => m.Round == 3 && m.From == TamperCase.Sender && m.To != c.Recipient);
        var other = DkgShareMessage.Decode(TamperContext.BodyOf(sibling), TamperCase.Sender < sibling.To, !refresh);
        return change(message, other).Encode();
    }

    public static DkgShareMessage With(DkgShareMessage m, Scalar? share = null, IReadOnlyList<Point>? echo = null, byte[]? chainCode = null, byte[]? zeroSeed = null, BaseOtSenderMessage? reply = null) =>
        new(m.SessionDigest, share ?? m.Share, reply ?? m.OtReply, zeroSeed ?? m.ZeroShareSeed, chainCode ?? m.ChainCodeContribution, m.ChainCodeSalt, echo ?? m.Echo);
}
