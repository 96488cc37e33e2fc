using System.Security.Cryptography;
using MpcWallet.Mpc.Commitments;
using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Keygen;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Ot;
using MpcWallet.Mpc.Proofs;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Randomness;
using MpcWallet.Mpc.Sharing;

namespace MpcWallet.Mpc.Reshare;

/// <summary>
/// The four reshare rounds of one participant (docs/engine-reshare.md): Desmedt–Jajodia redistribution with the
/// verifiability of Wong–Wang–Wing's VSR, in the shape of our DKG. Each dealer i Shamir-shares its additive share
/// λ_i(D)·x_i of the key with a fresh polynomial of degree t′ − 1 under Feldman commitments (committed in R1, revealed
/// with per-coefficient Schnorr proofs in R2); each new holder j′ adds its sub-shares f_i(j′) after checking them
/// against F_i, checks F_{i,0} = λ_i·X_i against the old public shares and Σ F_{i,0} = Y; the new holders run the
/// pairwise base OTs and zero-share seeds of key generation (<see cref="PairwiseSetup"/>) among themselves and confirm
/// Y, their new public shares and their seeds in R4. Envelope handling lives in <see cref="KeyReshareParty"/>; this
/// class throws <see cref="ProtocolAbortException"/> on every failed check, blaming session indices.
/// </summary>
internal sealed class ReshareSession
{
    private const string CoefficientsPurpose = "reshare/coefficients";
    private const string CoefficientProofPurpose = "reshare/coefficient";
    private const string ShareProofPurpose = "reshare/secret-share";

    private readonly SessionId _session;
    private readonly int _self;
    private readonly ReshareRoster _roster;
    private readonly KeyShare? _current;
    private readonly ReshareKeyReference? _reference;
    private readonly IRandomSource _random;
    private readonly int[] _others;

    private readonly Dictionary<int, ReshareCommitMessage> _commits = [];
    private readonly Dictionary<int, Point[]> _coefficientCommitments = [];
    private readonly Dictionary<int, BaseOtSenderMessage> _otReplies = [];

    private ResharedKey? _key;
    private Polynomial? _polynomial;
    private Point[] _ownCommitments = [];
    private byte[] _commitmentSalt = [];
    private byte[] _sessionDigest = [];
    private PairwiseSetup? _pairwise;
    private Point[] _aggregate = [];
    private Point[] _newPublicShares = [];
    private Scalar _ownSubShare;
    private Scalar _newSecretShare;

    public ReshareSession(SessionId session, int self, ReshareRoster roster, KeyShare? current, ReshareKeyReference? reference, IRandomSource random)
    {
        _session = session;
        _self = self;
        _roster = roster;
        _current = current;
        _reference = reference;
        _random = random;
        _others = roster.Participants.Select(p => p.Party).Where(p => p != self).ToArray();
        _key = current is null ? null : ResharedKey.Of(current);
    }

    private bool Deals => _roster.Deals(_self);

    private bool Receives => _roster.Receives(_self);

    private ResharedKey Key => _key ?? throw new InvalidOperationException("the reshared key is not known yet");

    /// <summary>R1: a dealer fixes its polynomial (constant term λ_i·x_i) and commits to F_i; everyone contributes to the digest.</summary>
    public DkgOutbound Start()
    {
        byte[]? commitment = null;
        if (_current is not null)
        {
            var weight = Lagrange.CoefficientAtZero(_current.Self, _roster.DealerOldIndices);
            _polynomial = Polynomial.Random(_roster.NewThreshold, weight * _current.SecretShare, _random);
            _ownCommitments = _polynomial.Commit();
        }

        var contribution = new byte[DkgCommitMessage.ContributionLength];
        _random.Fill(contribution);
        if (_current is not null)
        {
            (commitment, _commitmentSalt) = HashCommitment.Commit(_session, _self, CoefficientsPurpose, DkgCoefficientsMessage.CommittedPayload(_ownCommitments), _random);
        }

        var own = new ReshareCommitMessage(contribution, commitment, _key);
        _commits[_self] = own;
        return DkgOutbound.BroadcastOnly(own.Encode());
    }

    /// <summary>All R1 in: agree on the old key and the digest; new holders start their base OTs; dealers reveal F_i with proofs.</summary>
    public DkgOutbound AfterCommitments(RoundInbox inbox)
    {
        foreach (var j in _others)
        {
            _commits[j] = DecodeFrom(j, () => ReshareCommitMessage.Decode(inbox.Broadcasts[j], _roster.Deals(j)));
        }

        _key ??= AgreedKeyOfDealers();
        if (_roster.DealerOldIndices.Any(i => i > Key.PartyCount) || _roster.Dealers.Count < Key.Threshold)
        {
            throw new ProtocolAbortException(null, AbortChecks.ReshareRoster, false,
                $"the roster's {_roster.Dealers.Count} dealers are not distinct holders of the {Key.Threshold}-of-{Key.PartyCount} key");
        }

        foreach (var j in _roster.Dealers.Where(j => j != _self))
        {
            if (_current is not null && !_commits[j].Key!.SameAs(Key))
            {
                throw new ProtocolAbortException(j, AbortChecks.ReshareKeyView, false, "the dealer describes another key, generation or set of public shares than our key share");
            }
        }

        _sessionDigest = ReshareSessionDigest.Compute(_session, _roster, Key, _commits);
        var direct = new Dictionary<int, byte[]>();
        if (Receives)
        {
            var newHolders = _roster.NewHolders.Where(j => j != _self).ToArray();
            _pairwise = new PairwiseSetup(_sessionDigest, _roster.NewIndexOf(_self), newHolders.Select(_roster.NewIndexOf).ToArray(), _roster.PartyWithNewIndex, _random);
            foreach (var j in newHolders)
            {
                direct[j] = new DkgOtRequestMessage(_sessionDigest, _pairwise.Request(_roster.NewIndexOf(j))).Encode();
            }
        }

        if (!Deals)
        {
            return new DkgOutbound(new ReshareReadyMessage(_sessionDigest).Encode(), direct);
        }

        var polynomial = _polynomial ?? throw new InvalidOperationException("not started");
        var proofs = new SchnorrProof[_roster.NewThreshold];
        for (var k = 0; k < proofs.Length; k++)
        {
            proofs[k] = SchnorrProof.Prove(CoefficientStatement(_self, k), polynomial.Coefficient(k), _random);
        }

        return new DkgOutbound(new DkgCoefficientsMessage(_sessionDigest, _ownCommitments, _commitmentSalt, proofs, null).Encode(), direct);
    }

    /// <summary>All R2 in: verify every dealer's F_i and constant term, Σ F_{i,0} = Y; answer base OTs; deal sub-shares.</summary>
    public DkgOutbound AfterCoefficients(RoundInbox inbox)
    {
        foreach (var j in _others)
        {
            if (_roster.Deals(j))
            {
                var message = DecodeFrom(j, () => DkgCoefficientsMessage.Decode(inbox.Broadcasts[j], withChainCode: false));
                RequireSessionDigest(message.SessionDigest, j);
                VerifyCoefficients(j, message);
                _coefficientCommitments[j] = message.CoefficientCommitments.ToArray();
            }
            else
            {
                RequireSessionDigest(DecodeFrom(j, () => ReshareReadyMessage.Decode(inbox.Broadcasts[j])).SessionDigest, j);
            }
        }

        if (Deals)
        {
            _coefficientCommitments[_self] = _ownCommitments;
        }

        _aggregate = FeldmanCommitment.Aggregate(_roster.Dealers.Select(j => (IReadOnlyList<Point>)_coefficientCommitments[j]).ToArray());
        if (!_aggregate[0].Equals(Key.PublicKey))
        {
            // Every constant term passed its own check, so the old public shares themselves do not give Y.
            throw new ProtocolAbortException(null, AbortChecks.ResharePublicKey, false, "the dealers' constant terms do not add up to the public key");
        }

        var pairwise = _pairwise;
        if (pairwise is not null)
        {
            foreach (var j in _roster.NewHolders.Where(j => j != _self))
            {
                var request = DecodeFrom(j, () => DkgOtRequestMessage.Decode(inbox.Direct[j]));
                RequireSessionDigest(request.SessionDigest, j);
                _otReplies[j] = pairwise.Respond(_roster.NewIndexOf(j), request.Request);
            }
        }

        var polynomial = _polynomial;
        var direct = new Dictionary<int, byte[]>();
        foreach (var j in _roster.NewHolders.Where(j => j != _self))
        {
            var recipient = _roster.NewIndexOf(j);
            var message = new ReshareShareMessage(
                _sessionDigest,
                polynomial?.Evaluate(recipient),
                pairwise is null ? null : _otReplies[j],
                pairwise?.ChooseZeroShareSeed(recipient),
                _aggregate);
            direct[j] = message.Encode();
        }

        if (polynomial is not null)
        {
            _ownSubShare = Receives ? polynomial.Evaluate(_roster.NewIndexOf(_self)) : Scalar.Zero;
            polynomial.Clear();
            _polynomial = null;
        }

        _otReplies.Clear();
        return new DkgOutbound(null, direct);
    }

    /// <summary>All R3 in (new holders only): check sub-shares and the echo, finish the base OTs; confirm the new share.</summary>
    public DkgOutbound AfterShares(RoundInbox inbox)
    {
        _newPublicShares = Enumerable.Range(1, _roster.NewPartyCount).Select(k => FeldmanCommitment.EvaluateAt(_aggregate, k)).ToArray();
        if (_newPublicShares.Any(s => s.IsIdentity))
        {
            throw new ProtocolAbortException(null, AbortChecks.DegenerateKey, false, "a new public share is the identity");
        }

        var pairwise = _pairwise;
        if (pairwise is null)
        {
            // A dealer that receives nothing has no R3 and sends no R4; it waits for the new holders' confirmations.
            return new DkgOutbound(null, new Dictionary<int, byte[]>());
        }

        var self = _roster.NewIndexOf(_self);
        var secretShare = _ownSubShare;
        foreach (var j in _others)
        {
            bool deals = _roster.Deals(j), receives = _roster.Receives(j);
            var message = DecodeFrom(j, () => ReshareShareMessage.Decode(inbox.Direct[j], deals, receives, receives && _roster.NewIndexOf(j) < self));
            RequireSessionDigest(message.SessionDigest, j);
            if (message.Echo.Count != _aggregate.Length || !message.Echo.SequenceEqual(_aggregate))
            {
                throw new ProtocolAbortException(null, AbortChecks.CommitmentEcho, false, $"party {j} echoed a different aggregated dealer commitment");
            }

            if (message.SubShare is { } subShare)
            {
                if (!Point.MultiplyGenerator(subShare).Equals(FeldmanCommitment.EvaluateAt(_coefficientCommitments[j], self)))
                {
                    throw new ProtocolAbortException(j, AbortChecks.FeldmanShare, false, "the sub-share does not match the dealer's coefficient commitments");
                }

                secretShare += subShare;
            }

            if (message.OtReply is not null)
            {
                pairwise.Complete(_roster.NewIndexOf(j), message.OtReply, message.ZeroShareSeed);
            }
        }

        if (!Point.MultiplyGenerator(secretShare).Equals(_newPublicShares[self - 1]))
        {
            throw new ProtocolAbortException(null, AbortChecks.DegenerateKey, false, "the new secret share does not match ΣF at our index");
        }

        _newSecretShare = secretShare;
        _ownSubShare = Scalar.Zero;
        var proof = SchnorrProof.Prove(ShareStatement(_self), _newSecretShare, _random);
        return DkgOutbound.BroadcastOnly(new DkgConfirmationMessage(_sessionDigest, _aggregate[0], _newPublicShares[self - 1], proof, pairwise.Confirmations()).Encode());
    }

    /// <summary>All R4 in: every new holder confirms Y and its new public share with a proof; build the result.</summary>
    public ReshareResult Finish(RoundInbox inbox)
    {
        var publicKey = _aggregate[0];
        foreach (var j in _roster.NewHolders.Where(j => j != _self))
        {
            var message = DecodeFrom(j, () => DkgConfirmationMessage.Decode(inbox.Broadcasts[j], _roster.NewPartyCount));
            RequireSessionDigest(message.SessionDigest, j);
            if (!message.PublicKey.Equals(publicKey))
            {
                throw new ProtocolAbortException(j, AbortChecks.PublicKeyMismatch, false, "the confirmed public key differs");
            }

            if (!message.PublicShare.Equals(_newPublicShares[_roster.NewIndexOf(j) - 1]))
            {
                throw new ProtocolAbortException(j, AbortChecks.PublicShareMismatch, false, "the new public share differs from ΣF evaluated at the sender's new index");
            }

            if (!message.Proof.Verify(ShareStatement(j), message.PublicShare))
            {
                throw new ProtocolAbortException(j, AbortChecks.SecretShareProof, false, "the proof of knowledge of the new secret share does not verify");
            }

            _pairwise?.VerifyConfirmation(_roster.NewIndexOf(j), message.ZeroSeedConfirmations);
        }

        var all = Enumerable.Range(1, _roster.NewPartyCount).ToArray();
        var threshold = _roster.NewThreshold;
        foreach (var subset in new[] { all.Take(threshold).ToArray(), all.Skip(all.Length - threshold).ToArray() })
        {
            if (!FeldmanCommitment.InterpolateAtZero(subset, subset.Select(k => _newPublicShares[k - 1]).ToArray()).Equals(Key.PublicKey))
            {
                throw new ProtocolAbortException(null, AbortChecks.SecretRecovery, false, "the new public shares do not interpolate to the public key");
            }
        }

        var generation = checked(Key.Generation + 1);
        KeyShare? share = null;
        if (_pairwise is not null)
        {
            share = new KeyShare(threshold, _roster.NewPartyCount, _roster.NewIndexOf(_self), generation, _sessionDigest.ToArray(), _newSecretShare, publicKey,
                _newPublicShares, Key.RootChainCode.ToArray(), _pairwise.TakeMaterial());
        }

        return new ReshareResult(share, threshold, generation, _sessionDigest.ToArray(), publicKey, _newPublicShares);
    }

    /// <summary>Wipes everything secret this run still holds (after completion the new key share owns its material).</summary>
    public void Erase()
    {
        _polynomial?.Clear();
        _polynomial = null;
        _ownSubShare = Scalar.Zero;
        _newSecretShare = Scalar.Zero;
        _pairwise?.Erase();
        _otReplies.Clear();
        CryptographicOperations.ZeroMemory(_commitmentSalt);
    }

    /// <summary>
    /// A new holder without an old share learns the old key from the dealers. Each dealer's description must be
    /// internally consistent (public shares on one polynomial through its Y); a dealer describing another key than
    /// the expected one (public key, chain code, key id, generation) is blamed when another dealer describes the
    /// expected one, and nobody is when none does (then our expectation or the session is wrong); all descriptions
    /// must name the same public shares.
    /// </summary>
    private ResharedKey AgreedKeyOfDealers()
    {
        var reference = _reference ?? throw new InvalidOperationException("no reference for the reshared key");
        foreach (var j in _roster.Dealers)
        {
            if (!_commits[j].Key!.IsConsistent())
            {
                throw new ProtocolAbortException(j, AbortChecks.ReshareKeyView, false, "the dealer's public shares do not interpolate to its public key");
            }
        }

        var matching = _roster.Dealers.Where(j => _commits[j].Key!.Matches(reference)).ToArray();
        if (matching.Length == 0)
        {
            throw new ProtocolAbortException(null, AbortChecks.ReshareKeyView, false, "no dealer describes the expected key (public key, chain code, key id and generation)");
        }

        var first = _commits[matching[0]].Key!;
        foreach (var j in _roster.Dealers)
        {
            if (!_commits[j].Key!.Matches(reference))
            {
                throw new ProtocolAbortException(j, AbortChecks.ReshareKeyView, false, "the dealer describes another public key, chain code, key id or generation than expected");
            }

            if (!_commits[j].Key!.SameAs(first))
            {
                // Both descriptions are consistent with the expected key; a new holder cannot tell which dealer lies.
                throw new ProtocolAbortException(null, AbortChecks.ReshareKeyView, false, "the dealers describe different public shares of the key");
            }
        }

        return first;
    }

    private void VerifyCoefficients(int j, DkgCoefficientsMessage message)
    {
        var threshold = _roster.NewThreshold;
        if (message.CoefficientCommitments.Count != threshold)
        {
            throw new ProtocolAbortException(j, AbortChecks.CoefficientCount, false, $"{message.CoefficientCommitments.Count} coefficient commitments, expected {threshold}");
        }

        if (message.Proofs.Count != threshold)
        {
            throw new ProtocolAbortException(j, AbortChecks.ProofCount, false, $"{message.Proofs.Count} coefficient proofs, expected {threshold}");
        }

        var payload = DkgCoefficientsMessage.CommittedPayload(message.CoefficientCommitments);
        if (!HashCommitment.Verify(_session, j, CoefficientsPurpose, payload, message.Salt, _commits[j].Commitment!))
        {
            throw new ProtocolAbortException(j, AbortChecks.CommitmentMismatch, false, "the coefficient commitments do not open the round-1 commitment");
        }

        for (var k = 0; k < threshold; k++)
        {
            if (!message.Proofs[k].Verify(CoefficientStatement(j, k), message.CoefficientCommitments[k]))
            {
                throw new ProtocolAbortException(j, AbortChecks.SchnorrProof, false, $"the proof for coefficient {k} does not verify");
            }
        }

        var oldIndex = _roster.OldIndexOf(j);
        var expected = Key.PublicShares[oldIndex - 1].MultiplyPublic(Lagrange.CoefficientAtZero(oldIndex, _roster.DealerOldIndices));
        if (!message.CoefficientCommitments[0].Equals(expected))
        {
            throw new ProtocolAbortException(j, AbortChecks.ReshareConstantTerm, false, "the constant term is not λ_i·X_i of the dealer's old public share");
        }
    }

    private void RequireSessionDigest(byte[] received, int sender)
    {
        if (!CryptographicOperations.FixedTimeEquals(received, _sessionDigest))
        {
            // The sender, a relay or our own view of R1 or the roster differs: nobody can be blamed.
            throw new ProtocolAbortException(null, AbortChecks.SessionDigestMismatch, false, $"party {sender} derived a different reshare session digest");
        }
    }

    private SchnorrStatement CoefficientStatement(int prover, int k)
    {
        var context = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(context, k);
        return new SchnorrStatement(_sessionDigest, prover, CoefficientProofPurpose, context);
    }

    private SchnorrStatement ShareStatement(int prover) => new(_sessionDigest, prover, ShareProofPurpose, Key.RootChainCode);

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
