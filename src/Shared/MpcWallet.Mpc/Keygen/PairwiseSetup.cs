using System.Security.Cryptography;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Ot;
using MpcWallet.Mpc.Randomness;

namespace MpcWallet.Mpc.Keygen;

/// <summary>
/// The pairwise part of a key's setup among its holders, shared by key generation, refresh and resharing: one base
/// OT per ordered pair (party i is base-OT receiver, and so future OT-extension sender, toward j; session
/// <see cref="DkgSessionDigest.BaseOtSession"/>), one zero-share seed per unordered pair (chosen by the lower index),
/// and the public digests with which a pair confirms it holds the same seed. Indices are the key's holder indices
/// (Shamir evaluation points, 1..n); <paramref name="envelopeOf"/> maps one to the session participant that a failure
/// is blamed on (the same index in key generation, the participant's session index in a reshare).
/// </summary>
internal sealed class PairwiseSetup(byte[] sessionDigest, int self, IReadOnlyList<int> others, Func<int, int> envelopeOf, IRandomSource random)
{
    private readonly Dictionary<int, BaseOtReceiverState> _otReceivers = [];
    private readonly Dictionary<int, OtExtensionSenderSeeds> _asSender = [];
    private readonly Dictionary<int, OtExtensionReceiverSeeds> _asReceiver = [];
    private readonly Dictionary<int, byte[]> _zeroShareSeeds = [];

    public IReadOnlyList<int> Others => others;

    /// <summary>Starts the base OT in which this party is the receiver toward <paramref name="counterparty"/> (K2a).</summary>
    public BaseOtReceiverMessage Request(int counterparty)
    {
        var (state, request) = BaseOt.ReceiverStart(DkgSessionDigest.BaseOtSession(sessionDigest, self, counterparty), random);
        _otReceivers[counterparty] = state;
        return request;
    }

    /// <summary>Answers the counterparty's base-OT request as sender; keeps both seeds of every OT (K3).</summary>
    public BaseOtSenderMessage Respond(int counterparty, BaseOtReceiverMessage request)
    {
        var (seeds, reply) = BaseOt.SenderRespond(DkgSessionDigest.BaseOtSession(sessionDigest, counterparty, self), request, envelopeOf(counterparty), random);
        _asReceiver[counterparty] = seeds;
        return reply;
    }

    /// <summary>The pair's zero-share seed if this party chooses it (lower index), else null (it arrives in K3).</summary>
    public byte[]? ChooseZeroShareSeed(int counterparty)
    {
        if (self > counterparty)
        {
            return null;
        }

        var seed = new byte[DkgShareMessage.ZeroShareSeedLength];
        random.Fill(seed);
        _zeroShareSeeds[counterparty] = seed;
        return seed;
    }

    /// <summary>Finishes our base OT toward the counterparty with its reply and stores the seed it chose (K3 in).</summary>
    public void Complete(int counterparty, BaseOtSenderMessage reply, byte[]? zeroShareSeed)
    {
        if (zeroShareSeed is not null)
        {
            _zeroShareSeeds[counterparty] = zeroShareSeed;
        }

        _asSender[counterparty] = BaseOt.ReceiverFinish(_otReceivers[counterparty], reply, envelopeOf(counterparty));
    }

    /// <summary>Our confirmation digest of every pair's zero-share seed, counterparties ascending (K4).</summary>
    public byte[][] Confirmations() =>
        others.Select(j => DkgSessionDigest.ZeroSeedConfirmation(sessionDigest, self, j, _zeroShareSeeds[j])).ToArray();

    /// <summary>
    /// Checks the counterparty's K4 confirmations (about its counterparties ascending, itself excluded): the entry about
    /// us must match our seed for the pair, else it holds another seed.
    /// </summary>
    public void VerifyConfirmation(int counterparty, IReadOnlyList<byte[]> confirmationsBySender)
    {
        var rank = others.Count(j => j < self) - (counterparty < self ? 1 : 0);
        var expected = DkgSessionDigest.ZeroSeedConfirmation(sessionDigest, self, counterparty, _zeroShareSeeds[counterparty]);
        if (!CryptographicOperations.FixedTimeEquals(confirmationsBySender[rank], expected))
        {
            throw new ProtocolAbortException(envelopeOf(counterparty), AbortChecks.ZeroSeedConfirmation, false, "the sender holds a different zero-share seed for our pair");
        }
    }

    /// <summary>Moves the pairwise secrets into key-share material; <see cref="Erase"/> no longer touches them.</summary>
    public PairwiseKeyMaterial[] TakeMaterial()
    {
        var material = others.Select(j => new PairwiseKeyMaterial(j, _zeroShareSeeds[j], _asSender[j], _asReceiver[j])).ToArray();
        _zeroShareSeeds.Clear();
        _asSender.Clear();
        _asReceiver.Clear();
        return material;
    }

    /// <summary>Wipes every secret still held (after <see cref="TakeMaterial"/>, only what was never handed over).</summary>
    public void Erase()
    {
        foreach (var state in _otReceivers.Values)
        {
            state.Clear();
        }

        foreach (var seeds in _asSender.Values)
        {
            seeds.Clear();
        }

        foreach (var seeds in _asReceiver.Values)
        {
            seeds.Clear();
        }

        foreach (var seed in _zeroShareSeeds.Values)
        {
            CryptographicOperations.ZeroMemory(seed);
        }

        _otReceivers.Clear();
        _asSender.Clear();
        _asReceiver.Clear();
        _zeroShareSeeds.Clear();
    }
}
