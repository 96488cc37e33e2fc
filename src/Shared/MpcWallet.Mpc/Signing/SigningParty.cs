using System.Security.Cryptography;
using MpcWallet.Mpc.Commitments;
using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Derivation;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Multiplication;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Randomness;
using MpcWallet.Mpc.Sharing;
using MpcWallet.Mpc.ZeroShares;

namespace MpcWallet.Mpc.Signing;

/// <summary>
/// One signer of DKLs23 threshold ECDSA (Protocol 3.6) with the signing session id agreed inside the protocol:
/// S1 (broadcast) commits to R_i and contributes to sign_sid; S2 (direct) starts an RVOLE toward every other signer as
/// Bob; S3 (direct) answers every RVOLE as Alice with inputs (r_i, sk_i), opens R_i and sends the consistency values.
/// The output is this party's <see cref="PartialSignature"/>; <see cref="SignatureAggregator"/> combines t of them.
/// <para>
/// sk_i = λ_i(P)·(s_i + δ) + ζ_i, so Σ sk_i = sk + δ, the BIP32-derived child key. Per ordered pair RVOLE gives
/// c + d = (r_i, sk_i)·χ_j and Bob j reveals ψ_j = φ_j − χ_j, so u_i = r_i·(φ_i + Σψ_ji) + Σ(c_u + d_u) sums to r·φ and
/// v_i (same with sk_i) sums to (sk + δ)·φ; then s = Σ(m·φ_i + r_x·v_i) / Σu_i = (m + r_x·(sk + δ)) / r.
/// </para>
/// The nonces r_i and φ_i come from the random source, fresh per instance; an instance is single use.
/// </summary>
public sealed class SigningParty : RoundBasedParty<PartialSignature>
{
    /// <summary>
    /// The round whose completion runs this party's OT-extension checks (one per peer, as RVOLE Alice against this
    /// party's long-term Δ): the <see cref="RoundBasedParty{TOutput}.Receive"/> call that delivers the last round-2
    /// message. A node checks its ban list right before that call (docs/engine-signing.md §4.1).
    /// </summary>
    public const int OtExtensionCheckRound = 2;

    private const string NoncePurpose = "signing/nonce";

    private readonly KeyShare _share;
    private readonly IReadOnlyList<int> _signers;
    private readonly byte[] _digest;
    private readonly uint[] _path;
    private readonly DerivedKey _derived;
    private readonly IRandomSource _random;

    private readonly Dictionary<int, RvoleReceiverState> _bobStates = [];
    private readonly Dictionary<int, Scalar> _aliceShareU = [];
    private readonly Dictionary<int, Scalar> _aliceShareV = [];
    private byte[] _contribution = [];
    private byte[] _salt = [];
    private readonly Dictionary<int, NonceCommitmentMessage> _round1 = [];
    private byte[] _signingSessionDigest = [];
    private byte[] _echoDigest = [];
    private Scalar _nonce;
    private Scalar _phi;
    private Scalar _secret;
    private Point _nonceCommitted = Point.Identity;
    private Point _publicKeyShare = Point.Identity;

    public SigningParty(
        SessionId sessionId,
        KeyShare share,
        IReadOnlyList<int> signers,
        ReadOnlySpan<byte> digest32,
        IReadOnlyList<uint> derivationPath,
        IRandomSource random)
        : base(sessionId, SelfOf(share), ValidatedSigners(share, signers), 3)
    {
        ArgumentNullException.ThrowIfNull(derivationPath);
        ArgumentNullException.ThrowIfNull(random);
        if (digest32.Length != 32)
        {
            throw new ArgumentException("the message digest is 32 bytes", nameof(digest32));
        }

        _share = share;
        _signers = Participants;
        _digest = digest32.ToArray();
        _path = derivationPath.ToArray();
        _derived = KeyDerivation.DeriveChild(share.PublicKey, share.RootChainCode, _path);
        _random = random;
    }

    /// <summary>The public key the signature will verify under (the root key, or the derived child key).</summary>
    public Point SigningPublicKey => _derived.PublicKey;

    protected override RoundShape ShapeOf(int round) => round == 1 ? RoundShape.Broadcast : RoundShape.Direct;

    protected override IReadOnlyList<ProtocolMessage> StartProtocol()
    {
        // Fresh randomness only (pitfalls P4/P5): nothing here is derived from the message or the key.
        _nonce = Scalar.Random(_random);
        _phi = Scalar.Random(_random);
        _contribution = new byte[NonceCommitmentMessage.ContributionLength];
        _random.Fill(_contribution);
        _nonceCommitted = Point.MultiplyGenerator(_nonce);
        var (commitment, salt) = HashCommitment.Commit(SessionId, Self, NoncePurpose, _nonceCommitted.Encode(), _random);
        _salt = salt;
        var message = new NonceCommitmentMessage(_contribution, commitment, _share.KeyId, _share.Generation);
        _round1[Self] = message;
        return [Broadcast(message.Encode())];
    }

    protected override IReadOnlyList<ProtocolMessage> CompleteRound(int round, RoundInbox inbox) => round switch
    {
        1 => CompleteCommitments(inbox),
        OtExtensionCheckRound => CompleteRequests(inbox),
        3 => CompleteResponses(inbox),
        _ => throw new InvalidOperationException($"signing has no round {round}"),
    };

    protected override void EraseSecrets()
    {
        _nonce = default;
        _phi = default;
        _secret = default;
        foreach (var state in _bobStates.Values)
        {
            state.Clear();
        }

        _bobStates.Clear();
        _aliceShareU.Clear();
        _aliceShareV.Clear();
        CryptographicOperations.ZeroMemory(_salt);
    }

    private IReadOnlyList<ProtocolMessage> CompleteCommitments(RoundInbox inbox)
    {
        foreach (var j in Others)
        {
            var message = DecodeFrom(j, () => NonceCommitmentMessage.Decode(inbox.Broadcasts[j]));
            if (!CryptographicOperations.FixedTimeEquals(message.KeyId, _share.KeyId) || message.Generation != _share.Generation)
            {
                // Shares of different keys or generations never combine into a valid signature; no secret leaks.
                throw new ProtocolAbortException(j, AbortChecks.KeyGenerationMismatch, false,
                    $"party {j} holds a share of another key or generation (its generation {message.Generation}, ours {_share.Generation})");
            }

            _round1[j] = message;
        }

        var contributions = _round1.ToDictionary(p => p.Key, p => p.Value.SessionContribution);
        _signingSessionDigest = SigningTranscripts.SigningSessionDigest(
            _share.KeyId, _share.Generation, SessionId, _signers, _path, _digest, contributions);
        _echoDigest = SigningTranscripts.EchoDigest(_signingSessionDigest, _signers, _round1);

        var zeta = ZeroShare.Evaluate(_share, _signers, _signingSessionDigest);
        _secret = (Lagrange.CoefficientAtZero(Self, _signers) * (_share.SecretShare + _derived.Tweak)) + zeta;
        _publicKeyShare = Point.MultiplyGenerator(_secret);

        var outbound = new List<ProtocolMessage>(Others.Count);
        foreach (var j in Others)
        {
            var sid = SigningTranscripts.RvoleSessionId(_signingSessionDigest, alice: j, bob: Self);
            var (state, request) = Rvole.ReceiverStart(sid, _share.With(j).AsReceiver, _random);
            _bobStates[j] = state;
            outbound.Add(Direct(j, new MultiplicationRequestMessage(_signingSessionDigest, request).Encode()));
        }

        return outbound;
    }

    private IReadOnlyList<ProtocolMessage> CompleteRequests(RoundInbox inbox)
    {
        foreach (var j in Others)
        {
            RequireSigningSession(j, inbox.Direct[j]);
        }

        var outbound = new List<ProtocolMessage>(Others.Count);
        foreach (var j in Others)
        {
            var message = DecodeFrom(j, () => MultiplicationRequestMessage.Decode(inbox.Direct[j]));
            var sid = SigningTranscripts.RvoleSessionId(_signingSessionDigest, alice: Self, bob: j);
            var (cu, cv, response) = Rvole.SenderRespond(sid, _share.With(j).AsSender, _nonce, _secret, message.Request, j, _random);
            _aliceShareU[j] = cu;
            _aliceShareV[j] = cv;
            var reply = new MultiplicationResponseMessage
            {
                SigningSessionDigest = _signingSessionDigest,
                Response = response,
                EchoDigest = _echoDigest,
                PublicKeyShare = _publicKeyShare,
                Nonce = _nonceCommitted,
                NonceSalt = _salt,
                GammaU = Point.MultiplyGenerator(cu),
                GammaV = Point.MultiplyGenerator(cv),
                Psi = _phi - _bobStates[j].Chi,
            };
            outbound.Add(Direct(j, reply.Encode()));
        }

        return outbound;
    }

    private IReadOnlyList<ProtocolMessage> CompleteResponses(RoundInbox inbox)
    {
        foreach (var j in Others)
        {
            RequireSigningSession(j, inbox.Direct[j]);
        }

        var messages = Others.ToDictionary(j => j, j => DecodeFrom(j, () => MultiplicationResponseMessage.Decode(inbox.Direct[j])));
        var sumPsi = Scalar.Zero;
        var crossU = Scalar.Zero;
        var crossV = Scalar.Zero;
        foreach (var j in Others)
        {
            var message = messages[j];
            var (chi, du, dv) = Rvole.ReceiverFinish(_bobStates[j], message.Response, j);
            _bobStates.Remove(j);

            if (!HashCommitment.Verify(SessionId, j, NoncePurpose, message.Nonce.Encode(), message.NonceSalt, _round1[j].Commitment))
            {
                throw new ProtocolAbortException(j, AbortChecks.CommitmentMismatch, false, $"party {j} opened its nonce commitment to another point");
            }

            if (!CryptographicOperations.FixedTimeEquals(message.EchoDigest, _echoDigest))
            {
                throw new ProtocolAbortException(null, AbortChecks.SigningEchoMismatch, false,
                    $"party {j} saw different S1 broadcasts (equivocation by some party or the relay)");
            }

            // χ·R_j = d_u·G + Γ_u and χ·pk_j = d_v·G + Γ_v: Alice j used the R_j and pk_j she announced as RVOLE inputs.
            if (!message.Nonce.Multiply(chi).Equals(Point.MultiplyGenerator(du) + message.GammaU))
            {
                throw new ProtocolAbortException(j, AbortChecks.NonceConsistency, true,
                    $"party {j}'s RVOLE nonce input does not match its R_j (Γ_u check)");
            }

            if (!message.PublicKeyShare.Multiply(chi).Equals(Point.MultiplyGenerator(dv) + message.GammaV))
            {
                throw new ProtocolAbortException(j, AbortChecks.KeyShareConsistency, true,
                    $"party {j}'s RVOLE key input does not match its pk_j (Γ_v check)");
            }

            sumPsi += message.Psi;
            crossU += _aliceShareU[j] + du;
            crossV += _aliceShareV[j] + dv;
        }

        var keySum = Point.Sum(Others.Select(j => messages[j].PublicKeyShare).Append(_publicKeyShare));
        if (!keySum.Equals(_derived.PublicKey))
        {
            throw new ProtocolAbortException(null, AbortChecks.DerivedPublicKeySum, false,
                "the signers' key shares do not add up to the (derived) public key");
        }

        var bigR = Point.Sum(Others.Select(j => messages[j].Nonce).Append(_nonceCommitted));
        if (bigR.IsIdentity)
        {
            throw new ProtocolAbortException(null, AbortChecks.NonceIdentity, false, "R is the identity");
        }

        var rx = Scalar.FromBytesReduced(bigR.AffineX());
        if (rx.IsZero)
        {
            throw new ProtocolAbortException(null, AbortChecks.NonceXZero, false, "x(R) mod q is zero");
        }

        var phiTotal = _phi + sumPsi;
        var u = (_nonce * phiTotal) + crossU;
        var v = (_secret * phiTotal) + crossV;
        var w = (Scalar.FromBytesReduced(_digest) * _phi) + (rx * v);
        SetOutput(new PartialSignature(Self, _signers, _signingSessionDigest, bigR, w, u));
        return [];
    }

    // TOB-SILA-8: compare the agreed session digest before touching anything else, and blame nobody on mismatch — a
    // party that saw different S1 broadcasts is a victim of equivocation, not necessarily the culprit.
    private void RequireSigningSession(int sender, byte[] body)
    {
        if (body.Length < SigningTranscripts.DigestLength)
        {
            throw new ProtocolAbortException(sender, AbortChecks.MalformedMessage, false, "message too short for a session digest");
        }

        if (!CryptographicOperations.FixedTimeEquals(body.AsSpan(0, SigningTranscripts.DigestLength), _signingSessionDigest))
        {
            throw new ProtocolAbortException(null, AbortChecks.SigningSessionMismatch, false,
                $"party {sender} is in a different signing session (sign_sid mismatch)");
        }
    }

    private static int SelfOf(KeyShare share)
    {
        ArgumentNullException.ThrowIfNull(share);
        return share.Self;
    }

    private static IReadOnlyList<int> ValidatedSigners(KeyShare share, IReadOnlyList<int> signers)
    {
        ArgumentNullException.ThrowIfNull(share);
        ArgumentNullException.ThrowIfNull(signers);
        if (signers.Count != share.Threshold || signers.Distinct().Count() != signers.Count)
        {
            throw new ArgumentException($"need exactly {share.Threshold} distinct signers", nameof(signers));
        }

        if (signers.Any(j => j < 1 || j > share.PartyCount) || !signers.Contains(share.Self))
        {
            throw new ArgumentException($"signers must be indices 1..{share.PartyCount} and include this party", nameof(signers));
        }

        return signers.Order().ToArray();
    }
}
