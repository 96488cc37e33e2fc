using System.Security.Cryptography;
using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Hashing;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Sharing;
using MpcWallet.Mpc.Wire;

namespace MpcWallet.Mpc.Reshare;

/// <summary>
/// The public description of the key being reshared, as every dealer states it in round 1: old threshold t, party
/// count n, generation, key id, public key Y, root chain code and public shares S_1..S_n. Encoding:
/// u8 t ‖ u8 n ‖ u32 generation ‖ key id (32) ‖ Y (33) ‖ chain code (32) ‖ n × S_j (33); 103 + 33·n bytes.
/// </summary>
internal sealed class ResharedKey
{
    private ResharedKey(int threshold, int partyCount, uint generation, byte[] keyId, Point publicKey, byte[] rootChainCode, IReadOnlyList<Point> publicShares)
    {
        Threshold = threshold;
        PartyCount = partyCount;
        Generation = generation;
        KeyId = keyId;
        PublicKey = publicKey;
        RootChainCode = rootChainCode;
        PublicShares = publicShares;
    }

    public int Threshold { get; }

    public int PartyCount { get; }

    public uint Generation { get; }

    public byte[] KeyId { get; }

    public Point PublicKey { get; }

    public byte[] RootChainCode { get; }

    public IReadOnlyList<Point> PublicShares { get; }

    public static int EncodedLength(int partyCount) => 2 + 4 + 32 + Point.EncodedLength + 32 + (partyCount * Point.EncodedLength);

    public static ResharedKey Of(KeyShare share) =>
        new(share.Threshold, share.PartyCount, share.Generation, share.KeyId.ToArray(), share.PublicKey, share.RootChainCode.ToArray(), share.PublicShares.ToArray());

    public void Write(WireWriter writer)
    {
        writer.WriteByte((byte)Threshold).WriteByte((byte)PartyCount).WriteUInt32(Generation).WriteFixed(KeyId).WritePoint(PublicKey).WriteFixed(RootChainCode);
        foreach (var share in PublicShares)
        {
            writer.WritePoint(share);
        }
    }

    public byte[] Encode()
    {
        var writer = new WireWriter(EncodedLength(PartyCount));
        Write(writer);
        return writer.ToArray();
    }

    public static ResharedKey Read(ref WireReader reader)
    {
        int threshold = reader.ReadByte(), partyCount = reader.ReadByte();
        if (threshold < 2 || threshold > partyCount || partyCount > KeyShare.MaxParties)
        {
            throw new MpcDecodeException("reshared key: threshold and party count outside 2 ≤ t ≤ n ≤ 16");
        }

        var generation = reader.ReadUInt32();
        var keyId = reader.ReadFixed(32).ToArray();
        var publicKey = reader.ReadPoint();
        var chainCode = reader.ReadFixed(32).ToArray();
        var shares = new Point[partyCount];
        for (var j = 0; j < partyCount; j++)
        {
            shares[j] = reader.ReadPoint();
        }

        return new ResharedKey(threshold, partyCount, generation, keyId, publicKey, chainCode, shares);
    }

    /// <summary>Same key, generation and public shares (compares the encodings).</summary>
    public bool SameAs(ResharedKey other) => CryptographicOperations.FixedTimeEquals(Encode(), other.Encode());

    public bool Matches(ReshareKeyReference reference) =>
        PublicKey.Equals(reference.PublicKey) && Generation == reference.Generation
        && CryptographicOperations.FixedTimeEquals(KeyId, reference.KeyId)
        && CryptographicOperations.FixedTimeEquals(RootChainCode, reference.RootChainCode);

    /// <summary>
    /// The public shares lie on one polynomial of degree t − 1 whose value at zero is Y: every window of t consecutive
    /// indices interpolates to Y (two overlapping windows agree on t − 1 points and at zero, so they are the same
    /// polynomial, and by induction all windows are).
    /// </summary>
    public bool IsConsistent()
    {
        for (var start = 1; start + Threshold - 1 <= PartyCount; start++)
        {
            var window = Enumerable.Range(start, Threshold).ToArray();
            if (!FeldmanCommitment.InterpolateAtZero(window, window.Select(j => PublicShares[j - 1]).ToArray()).Equals(PublicKey))
            {
                return false;
            }
        }

        return true;
    }

    public void AppendTo(Transcript transcript)
    {
        transcript.Append(Encode());
    }
}
