using System.Security.Cryptography;
using MpcWallet.Mpc.Commitments;
using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Ot;
using MpcWallet.Mpc.Proofs;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Randomness;
using MpcWallet.Mpc.Sharing;

namespace MpcWallet.Mpc.Keygen;

/// <summary>
/// The four-round Feldman-VSS DKG shared by key generation and refresh (docs/engine-keygen.md). The two differ only
/// in the constant term of each dealer's polynomial (random, or the dealer's additive share λ_i·s_i of the existing
/// key), in what the constant terms must add up to (anything, or the existing Y), and in where the root chain code
/// comes from (committed contributions, or carried over). Envelope handling lives in the owning party; this class
/// sees decoded-by-sender bodies and throws <see cref="ProtocolAbortException"/> on every failed check.
/// </summary>
internal sealed class DkgSession
{
    private const string CoefficientsPurpose = "dkg/coefficients";
    private const string ChainCodePurpose = "dkg/chain-code";
    private const string CoefficientProofPurpose = "dkg/coefficient";
    private const string ShareProofPurpose = "dkg/secret-share";

    private readonly SessionId _session;
    private readonly int _self;
    private readonly int _threshold;
    private readonly int _partyCount;
    private readonly KeyShare? _refreshed;
    private readonly IRandomSource _random;
    private readonly int[] _others;

    private readonly Dictionary<int, BaseOtSenderMessage> _otReplies = [];
    private readonly Dictionary<int, Point[]> _coefficientCommitments = [];
    private readonly Dictionary<int, byte[]> _chainCodeCommitments = [];
    private readonly Dictionary<int, DkgCommitMessage> _commits = [];

    private PairwiseSetup? _pairwise;
    private Polynomial? _polynomial;
    private DkgCommitMessage? _ownCommit;
    private Point[] _ownCommitments = [];
    private byte[] _commitmentSalt = [];
    private byte[]? _chainCodeContribution;
    private byte[]? _chainCodeSalt;
    private byte[]? _chainCodeCommitment;
    private byte[] _sessionDigest = [];
    private Point[] _aggregate = [];
    private Point[] _publicShares = [];
    private Scalar _secretShare;
    private byte[] _rootChainCode = [];

    public DkgSession(SessionId session, int self, int threshold, int partyCount, KeyShare? refreshed, IRandomSource random)
    {
        if (threshold < 2 || threshold > partyCount || partyCount > KeyShare.MaxParties)
        {
            throw new ArgumentException("need 2 ≤ t ≤ n ≤ 16");
        }

        if (self < 1 || self > partyCount)
        {
            throw new ArgumentOutOfRangeException(nameof(self), "party index must be in 1..n");
        }

        _session = session;
        _self = self;
        _threshold = threshold;
        _partyCount = partyCount;
        _refreshed = refreshed;
        _random = random;
        _others = Enumerable.Range(1, partyCount).Where(j => j != self).ToArray();
    }

    public static IReadOnlyList<int> Participants(int partyCount) => Enumerable.Range(1, partyCount).ToArray();

    public static RoundShape ShapeOf(int round) => round switch
    {
        1 => RoundShape.Broadcast,
        2 => RoundShape.Broadcast | RoundShape.Direct,
        3 => RoundShape.Direct,
        4 => RoundShape.Broadcast,
        _ => RoundShape.None,
    };

    private bool ContributesChainCode => _refreshed is null;

    /// <summary>K1: choose the polynomial, commit to F_i.</summary>
    public DkgOutbound Start()
    {
        Scalar? constantTerm = _refreshed is null
            ? null
            : Lagrange.CoefficientAtZero(_self, Participants(_partyCount)) * _refreshed.SecretShare;
        _polynomial = Polynomial.Random(_threshold, constantTerm, _random);
        _ownCommitments = _polynomial.Commit();
        var contribution = new byte[DkgCommitMessage.ContributionLength];
        _random.Fill(contribution);
        (var commitment, _commitmentSalt) = HashCommitment.Commit(_session, _self, CoefficientsPurpose, DkgCoefficientsMessage.CommittedPayload(_ownCommitments), _random);
        _ownCommit = new DkgCommitMessage(contribution, commitment);
        return DkgOutbound.BroadcastOnly(_ownCommit.Encode());
    }

    /// <summary>All K1 in: derive dkg_sid, start one base OT per counterparty, reveal F_i with proofs.</summary>
    public DkgOutbound AfterCommitments(RoundInbox inbox)
    {
        foreach (var j in _others)
        {
            _commits[j] = DecodeFrom(j, () => DkgCommitMessage.Decode(inbox.Broadcasts[j]));
        }

        _commits[_self] = _ownCommit ?? throw new InvalidOperationException("not started");
        var ordered = Enumerable.Range(1, _partyCount).Select(j => _commits[j]).ToArray();
        _sessionDigest = DkgSessionDigest.Compute(_session, _threshold, _partyCount, _refreshed, ordered);

        _pairwise = new PairwiseSetup(_sessionDigest, _self, _others, j => j, _random);
        var direct = new Dictionary<int, byte[]>();
        foreach (var j in _others)
        {
            direct[j] = new DkgOtRequestMessage(_sessionDigest, _pairwise.Request(j)).Encode();
        }

        var polynomial = _polynomial ?? throw new InvalidOperationException("not started");
        var proofs = new SchnorrProof[_threshold];
        for (var k = 0; k < _threshold; k++)
        {
            proofs[k] = SchnorrProof.Prove(CoefficientStatement(_self, k), polynomial.Coefficient(k), _random);
        }

        if (ContributesChainCode)
        {
            _chainCodeContribution = new byte[DkgShareMessage.ChainCodeLength];
            _random.Fill(_chainCodeContribution);
            (_chainCodeCommitment, _chainCodeSalt) = HashCommitment.Commit(new SessionId(_sessionDigest), _self, ChainCodePurpose, _chainCodeContribution, _random);
        }

        var broadcast = new DkgCoefficientsMessage(_sessionDigest, _ownCommitments, _commitmentSalt, proofs, _chainCodeCommitment).Encode();
        return new DkgOutbound(broadcast, direct);
    }

    /// <summary>All K2 in: verify every F_j, answer every base OT, send shares, seeds, chain-code openings and the ΣF echo.</summary>
    public DkgOutbound AfterCoefficients(RoundInbox inbox)
    {
        foreach (var j in _others)
        {
            var message = DecodeFrom(j, () => DkgCoefficientsMessage.Decode(inbox.Broadcasts[j], ContributesChainCode));
            RequireSessionDigest(message.SessionDigest, j);
            VerifyCoefficients(j, message);
            _coefficientCommitments[j] = message.CoefficientCommitments.ToArray();
            if (message.ChainCodeCommitment is not null)
            {
                _chainCodeCommitments[j] = message.ChainCodeCommitment;
            }
        }

        _coefficientCommitments[_self] = _ownCommitments;
        _aggregate = FeldmanCommitment.Aggregate(Enumerable.Range(1, _partyCount).Select(j => (IReadOnlyList<Point>)_coefficientCommitments[j]).ToArray());
        if (_aggregate.Any(c => c.IsIdentity))
        {
            // Y = identity, or a joint coefficient vanished (a lower-degree sharing): stop before any share is sent.
            // Coefficients are committed before they are revealed, so only parties that all cooperate get here.
            throw new ProtocolAbortException(null, AbortChecks.DegenerateKey, false, "the joint key or a joint coefficient commitment is the identity");
        }
        if (_refreshed is not null && !_aggregate[0].Equals(_refreshed.PublicKey))
        {
            throw new ProtocolAbortException(null, AbortChecks.RefreshPublicKey, false, "the refreshed constant terms do not add up to the public key");
        }

        var pairwise = _pairwise ?? throw new InvalidOperationException("not started");
        foreach (var j in _others)
        {
            var request = DecodeFrom(j, () => DkgOtRequestMessage.Decode(inbox.Direct[j]));
            RequireSessionDigest(request.SessionDigest, j);
            _otReplies[j] = pairwise.Respond(j, request.Request);
        }

        var polynomial = _polynomial ?? throw new InvalidOperationException("not started");
        var direct = new Dictionary<int, byte[]>();
        foreach (var j in _others)
        {
            var zeroSeed = pairwise.ChooseZeroShareSeed(j);
            var message = new DkgShareMessage(_sessionDigest, polynomial.Evaluate(j), _otReplies[j], zeroSeed, _chainCodeContribution, _chainCodeSalt, _aggregate);
            direct[j] = message.Encode();
        }

        _otReplies.Clear();
        return new DkgOutbound(null, direct);
    }

    /// <summary>All K3 in: check shares against F_j, the echo, chain-code openings; finish the base OTs; confirm.</summary>
    public DkgOutbound AfterShares(RoundInbox inbox)
    {
        var polynomial = _polynomial ?? throw new InvalidOperationException("not started");
        var pairwise = _pairwise ?? throw new InvalidOperationException("not started");
        var secretShare = polynomial.Evaluate(_self);
        var contributions = new byte[_partyCount][];
        if (_chainCodeContribution is not null)
        {
            contributions[_self - 1] = _chainCodeContribution;
        }

        foreach (var j in _others)
        {
            var message = DecodeFrom(j, () => DkgShareMessage.Decode(inbox.Direct[j], withZeroShareSeed: j < _self, ContributesChainCode));
            RequireSessionDigest(message.SessionDigest, j);
            if (message.Echo.Count != _threshold || !message.Echo.SequenceEqual(_aggregate))
            {
                throw new ProtocolAbortException(null, AbortChecks.CommitmentEcho, false, $"party {j} echoed a different aggregated commitment");
            }

            if (!Point.MultiplyGenerator(message.Share).Equals(FeldmanCommitment.EvaluateAt(_coefficientCommitments[j], _self)))
            {
                throw new ProtocolAbortException(j, AbortChecks.FeldmanShare, false, "the share does not match the sender's coefficient commitments");
            }

            if (ContributesChainCode)
            {
                if (!HashCommitment.Verify(new SessionId(_sessionDigest), j, ChainCodePurpose, message.ChainCodeContribution!, message.ChainCodeSalt!, _chainCodeCommitments[j]))
                {
                    throw new ProtocolAbortException(j, AbortChecks.ChainCodeOpening, false, "the chain-code contribution does not open its commitment");
                }

                contributions[j - 1] = message.ChainCodeContribution!;
            }

            pairwise.Complete(j, message.OtReply, message.ZeroShareSeed);
            secretShare += message.Share;
        }

        _publicShares = Enumerable.Range(1, _partyCount).Select(j => FeldmanCommitment.EvaluateAt(_aggregate, j)).ToArray();
        if (_aggregate[0].IsIdentity || _publicShares.Any(s => s.IsIdentity) || !Point.MultiplyGenerator(secretShare).Equals(_publicShares[_self - 1]))
        {
            throw new ProtocolAbortException(null, AbortChecks.DegenerateKey, false, "the joint key or a public share is degenerate");
        }

        _secretShare = secretShare;
        _rootChainCode = _refreshed?.RootChainCode.ToArray() ?? DkgSessionDigest.RootChainCode(_sessionDigest, contributions);
        polynomial.Clear();
        _polynomial = null;
        var proof = SchnorrProof.Prove(ShareStatement(_self), _secretShare, _random);
        return DkgOutbound.BroadcastOnly(new DkgConfirmationMessage(_sessionDigest, _aggregate[0], _publicShares[_self - 1], proof, pairwise.Confirmations()).Encode());
    }

    /// <summary>All K4 in: every party confirms the same Y and its public share with a proof; build the key share.</summary>
    public KeyShare Finish(RoundInbox inbox)
    {
        var publicKey = _aggregate[0];
        var pairwise = _pairwise ?? throw new InvalidOperationException("not started");
        foreach (var j in _others)
        {
            var message = DecodeFrom(j, () => DkgConfirmationMessage.Decode(inbox.Broadcasts[j], _partyCount));
            RequireSessionDigest(message.SessionDigest, j);
            if (!message.PublicKey.Equals(publicKey))
            {
                throw new ProtocolAbortException(j, AbortChecks.PublicKeyMismatch, false, "the confirmed public key differs");
            }

            if (!message.PublicShare.Equals(_publicShares[j - 1]))
            {
                throw new ProtocolAbortException(j, AbortChecks.PublicShareMismatch, false, "the public share differs from ΣF evaluated at the sender");
            }

            if (!message.Proof.Verify(ShareStatement(j), message.PublicShare))
            {
                throw new ProtocolAbortException(j, AbortChecks.SecretShareProof, false, "the proof of knowledge of the secret share does not verify");
            }

            pairwise.VerifyConfirmation(j, message.ZeroSeedConfirmations);
        }

        var all = Participants(_partyCount);
        foreach (var subset in new[] { all.Take(_threshold).ToArray(), all.Skip(_partyCount - _threshold).ToArray() })
        {
            var values = subset.Select(j => _publicShares[j - 1]).ToArray();
            if (!FeldmanCommitment.InterpolateAtZero(subset, values).Equals(publicKey))
            {
                throw new ProtocolAbortException(null, AbortChecks.SecretRecovery, false, "public shares do not interpolate to the public key");
            }
        }

        if (_refreshed is not null && !publicKey.Equals(_refreshed.PublicKey))
        {
            throw new ProtocolAbortException(null, AbortChecks.RefreshPublicKey, false, "the refreshed key differs from the existing key");
        }

        var share = new KeyShare(
            _threshold,
            _partyCount,
            _self,
            _refreshed is null ? 0 : checked(_refreshed.Generation + 1),
            _sessionDigest.ToArray(),
            _secretShare,
            publicKey,
            _publicShares,
            _rootChainCode.ToArray(),
            pairwise.TakeMaterial());
        return share;
    }

    /// <summary>Wipes everything secret this run still holds (after completion the key share owns its material).</summary>
    public void Erase()
    {
        _polynomial?.Clear();
        _polynomial = null;
        _secretShare = Scalar.Zero;
        _pairwise?.Erase();
        if (_chainCodeContribution is not null)
        {
            CryptographicOperations.ZeroMemory(_chainCodeContribution);
        }

        _otReplies.Clear();
    }

    private void VerifyCoefficients(int j, DkgCoefficientsMessage message)
    {
        if (message.CoefficientCommitments.Count != _threshold)
        {
            throw new ProtocolAbortException(j, AbortChecks.CoefficientCount, false, $"{message.CoefficientCommitments.Count} coefficient commitments, expected {_threshold}");
        }

        if (message.Proofs.Count != _threshold)
        {
            throw new ProtocolAbortException(j, AbortChecks.ProofCount, false, $"{message.Proofs.Count} coefficient proofs, expected {_threshold}");
        }

        var payload = DkgCoefficientsMessage.CommittedPayload(message.CoefficientCommitments);
        if (!HashCommitment.Verify(_session, j, CoefficientsPurpose, payload, message.Salt, _commits[j].Commitment))
        {
            throw new ProtocolAbortException(j, AbortChecks.CommitmentMismatch, false, "the coefficient commitments do not open the round-1 commitment");
        }

        for (var k = 0; k < _threshold; k++)
        {
            if (!message.Proofs[k].Verify(CoefficientStatement(j, k), message.CoefficientCommitments[k]))
            {
                throw new ProtocolAbortException(j, AbortChecks.SchnorrProof, false, $"the proof for coefficient {k} does not verify");
            }
        }

        if (_refreshed is not null)
        {
            var expected = _refreshed.PublicShares[j - 1].Multiply(Lagrange.CoefficientAtZero(j, Participants(_partyCount)));
            if (!message.CoefficientCommitments[0].Equals(expected))
            {
                throw new ProtocolAbortException(j, AbortChecks.RefreshConstantTerm, false, "the constant term is not the sender's additive share of the existing key");
            }
        }
    }

    private void RequireSessionDigest(byte[] received, int sender)
    {
        if (!CryptographicOperations.FixedTimeEquals(received, _sessionDigest))
        {
            // Either the sender or a relay equivocated in round 1, or our own view differs: nobody can be blamed.
            throw new ProtocolAbortException(null, AbortChecks.SessionDigestMismatch, false, $"party {sender} derived a different DKG session digest");
        }
    }

    private SchnorrStatement CoefficientStatement(int prover, int k)
    {
        var context = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(context, k);
        return new SchnorrStatement(_sessionDigest, prover, CoefficientProofPurpose, context);
    }

    private SchnorrStatement ShareStatement(int prover) => new(_sessionDigest, prover, ShareProofPurpose, _rootChainCode);

    private static T DecodeFrom<T>(int sender, Func<T> decode)
    {
        try
        {
            return decode();
        }
        catch (MpcDecodeException e)
        {
            throw new ProtocolAbortException(sender, AbortChecks.MalformedMessage, false, e.Message);
        }
    }
}
