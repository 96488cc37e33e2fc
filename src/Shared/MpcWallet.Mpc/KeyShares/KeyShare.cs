using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Ot;
using MpcWallet.Mpc.Wire;

namespace MpcWallet.Mpc.KeyShares;

/// <summary>
/// Party i's persistent share of a distributed key of one generation: its Shamir share s_i of the secret key,
/// the public key Y, every party's public share S_j = s_j·G, the root chain code and the pairwise state DKLs23
/// signing needs. <see cref="KeyId"/> is the key-generation (or refresh) session's agreed id, so shares of different
/// generations are distinguishable and cannot be mixed in one signing session. Secret: seal it at rest.
/// </summary>
public sealed class KeyShare
{
    public const byte FormatVersion = 1;
    public const int MaxParties = 16;
    private static readonly byte[] Magic = "MWKS"u8.ToArray();

    public KeyShare(
        int threshold,
        int partyCount,
        int self,
        uint generation,
        byte[] keyId,
        Scalar secretShare,
        Point publicKey,
        IReadOnlyList<Point> publicShares,
        byte[] rootChainCode,
        IReadOnlyList<PairwiseKeyMaterial> pairwise)
    {
        if (threshold < 2 || threshold > partyCount || partyCount > MaxParties)
        {
            throw new ArgumentException("need 2 ≤ t ≤ n ≤ 16");
        }

        if (self < 1 || self > partyCount || keyId.Length != 32 || rootChainCode.Length != 32 || publicShares.Count != partyCount)
        {
            throw new ArgumentException("inconsistent key share fields");
        }

        var expectedCounterparties = Enumerable.Range(1, partyCount).Where(j => j != self);
        if (!pairwise.Select(p => p.Counterparty).SequenceEqual(expectedCounterparties))
        {
            throw new ArgumentException("pairwise material must cover every other party in index order");
        }

        Threshold = threshold;
        PartyCount = partyCount;
        Self = self;
        Generation = generation;
        KeyId = keyId;
        SecretShare = secretShare;
        PublicKey = publicKey;
        PublicShares = publicShares;
        RootChainCode = rootChainCode;
        Pairwise = pairwise;
    }

    public int Threshold { get; }

    public int PartyCount { get; }

    /// <summary>This party's index, 1..n (also its Shamir evaluation point).</summary>
    public int Self { get; }

    /// <summary>0 after key generation, +1 per refresh.</summary>
    public uint Generation { get; }

    public byte[] KeyId { get; }

    public Scalar SecretShare { get; }

    public Point PublicKey { get; }

    /// <summary>S_1..S_n (index j at position j-1).</summary>
    public IReadOnlyList<Point> PublicShares { get; }

    public byte[] RootChainCode { get; }

    /// <summary>One entry per other party, in index order.</summary>
    public IReadOnlyList<PairwiseKeyMaterial> Pairwise { get; }

    public PairwiseKeyMaterial With(int counterparty) =>
        Pairwise.FirstOrDefault(p => p.Counterparty == counterparty)
        ?? throw new ArgumentOutOfRangeException(nameof(counterparty), "no pairwise material for that party");

    public byte[] Encode()
    {
        var writer = new WireWriter(64 * 1024);
        writer.WriteFixed(Magic).WriteByte(FormatVersion)
            .WriteByte((byte)Threshold).WriteByte((byte)PartyCount).WriteByte((byte)Self)
            .WriteUInt32(Generation)
            .WriteFixed(KeyId)
            .WriteScalar(SecretShare)
            .WritePoint(PublicKey);
        foreach (var share in PublicShares)
        {
            writer.WritePoint(share);
        }

        writer.WriteFixed(RootChainCode);
        foreach (var pair in Pairwise)
        {
            writer.WriteFixed(pair.ZeroShareSeed);
            pair.AsSender.Write(writer);
            pair.AsReceiver.Write(writer);
        }

        return writer.ToArrayAndClear();
    }

    /// <summary>Strict decoding; any inconsistency (including s_i·G ≠ S_i) is a <see cref="MpcDecodeException"/>.</summary>
    public static KeyShare Decode(ReadOnlySpan<byte> encoded)
    {
        var reader = new WireReader(encoded);
        if (!reader.ReadFixed(Magic.Length).SequenceEqual(Magic))
        {
            throw new MpcDecodeException("not a key share");
        }

        if (reader.ReadByte() != FormatVersion)
        {
            throw new MpcDecodeException("unsupported key share version");
        }

        int threshold = reader.ReadByte(), partyCount = reader.ReadByte(), self = reader.ReadByte();
        if (threshold < 2 || threshold > partyCount || partyCount > MaxParties || self < 1 || self > partyCount)
        {
            throw new MpcDecodeException("key share parameters out of range");
        }

        var generation = reader.ReadUInt32();
        var keyId = reader.ReadFixed(32).ToArray();
        var secretShare = reader.ReadNonZeroScalar();
        var publicKey = reader.ReadPoint();
        var publicShares = new Point[partyCount];
        for (var j = 0; j < partyCount; j++)
        {
            publicShares[j] = reader.ReadPoint();
        }

        var chainCode = reader.ReadFixed(32).ToArray();
        var pairwise = new List<PairwiseKeyMaterial>(partyCount - 1);
        for (var j = 1; j <= partyCount; j++)
        {
            if (j == self)
            {
                continue;
            }

            var zeroSeed = reader.ReadFixed(32).ToArray();
            var asSender = OtExtensionSenderSeeds.Read(ref reader);
            var asReceiver = OtExtensionReceiverSeeds.Read(ref reader);
            pairwise.Add(new PairwiseKeyMaterial(j, zeroSeed, asSender, asReceiver));
        }

        reader.EnsureEnd();
        if (!Point.MultiplyGenerator(secretShare).Equals(publicShares[self - 1]))
        {
            throw new MpcDecodeException("secret share does not match its public share");
        }

        return new KeyShare(threshold, partyCount, self, generation, keyId, secretShare, publicKey, publicShares, chainCode, pairwise);
    }

    /// <summary>Wipes the byte-array secrets (the scalar share is a value type the GC may have copied; see docs).</summary>
    public void Clear()
    {
        foreach (var pair in Pairwise)
        {
            pair.Clear();
        }
    }
}
