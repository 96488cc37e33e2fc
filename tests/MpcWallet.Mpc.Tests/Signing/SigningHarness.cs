using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Randomness;
using MpcWallet.Mpc.Signing;
using MpcWallet.Mpc.Tests.Support;

namespace MpcWallet.Mpc.Tests.Signing;

/// <summary>Runs a signing session among a subset of dealt shares, in process, and combines the partials.</summary>
internal static class SigningHarness
{
    public static SigningParty[] Parties(
        IReadOnlyList<KeyShare> shares, IReadOnlyList<int> signers, byte[] digest, IReadOnlyList<uint>? path, IRandomSource random, SessionId? sessionId = null)
    {
        var sid = sessionId ?? SessionId.Random(random);
        return signers.Select(i => new SigningParty(sid, shares[i - 1], signers, digest, path ?? [], random)).ToArray();
    }

    public static IReadOnlyDictionary<int, PartialSignature> Run(
        IReadOnlyList<SigningParty> parties, ProtocolRunner.Interceptor? intercept = null, int? shuffleSeed = null, List<ProtocolMessage>? transcript = null) =>
        ProtocolRunner.Run<PartialSignature>(parties, intercept, shuffleSeed, transcript);

    public static EcdsaSignature Sign(
        IReadOnlyList<KeyShare> shares, IReadOnlyList<int> signers, byte[] digest, IReadOnlyList<uint>? path, IRandomSource random, int? shuffleSeed = null)
    {
        var parties = Parties(shares, signers, digest, path, random);
        var partials = Run(parties, shuffleSeed: shuffleSeed);
        return SignatureAggregator.Combine(partials.Values.ToArray(), parties[0].SigningPublicKey, digest);
    }
}
