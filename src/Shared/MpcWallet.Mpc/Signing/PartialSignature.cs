using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Wire;

namespace MpcWallet.Mpc.Signing;

/// <summary>
/// One signer's output of a signing session (the "S4" message to the aggregator): the signer set the session ran with
/// (the set hashed into sign_sid), the agreed signing session digest, the joint nonce point R and the additive shares
/// w_i = m·φ_i + r_x·v_i and u_i with Σw / Σu = s. Not secret on its own (the shares of a completed signature reveal
/// nothing beyond it), but each is single use.
/// </summary>
public sealed class PartialSignature
{
    public const byte FormatVersion = 2;

    /// <summary>Everything after the signer list: sign_sid, R, w, u.</summary>
    private const int TailLength = 32 + Point.EncodedLength + (2 * Scalar.EncodedLength);

    private readonly int[] _signers;

    public PartialSignature(int party, IReadOnlyList<int> signers, byte[] signingSessionDigest, Point r, Scalar w, Scalar u)
    {
        ArgumentNullException.ThrowIfNull(signers);
        ArgumentNullException.ThrowIfNull(signingSessionDigest);
        ArgumentNullException.ThrowIfNull(r);
        if (party < 1 || party > KeyShare.MaxParties)
        {
            throw new ArgumentOutOfRangeException(nameof(party), "party indices are 1..16");
        }

        if (!IsSignerSet(signers) || !signers.Contains(party))
        {
            throw new ArgumentException("the signers are 2..16 distinct indices 1..16 in ascending order, including the party", nameof(signers));
        }

        if (signingSessionDigest.Length != 32 || r.IsIdentity)
        {
            throw new ArgumentException("the signing session digest is 32 bytes and R is not the identity");
        }

        Party = party;
        _signers = signers.ToArray();
        SigningSessionDigest = (byte[])signingSessionDigest.Clone();
        R = r;
        W = w;
        U = u;
    }

    public int Party { get; }

    /// <summary>The signer set, ascending: exactly the parties whose partials combine into the signature.</summary>
    public IReadOnlyList<int> Signers => _signers;

    public byte[] SigningSessionDigest { get; }

    public Point R { get; }

    public Scalar W { get; }

    public Scalar U { get; }

    /// <summary>version ‖ party ‖ signer count ‖ signers ‖ sign_sid (32) ‖ R (33) ‖ w (32) ‖ u (32).</summary>
    public int EncodedLength => 3 + _signers.Length + TailLength;

    public byte[] Encode()
    {
        var writer = new WireWriter(EncodedLength);
        writer.WriteByte(FormatVersion).WriteByte((byte)Party).WriteByte((byte)_signers.Length);
        foreach (var signer in _signers)
        {
            writer.WriteByte((byte)signer);
        }

        return writer.WriteFixed(SigningSessionDigest).WritePoint(R).WriteScalar(W).WriteScalar(U).ToArray();
    }

    /// <summary>
    /// Strict: version, party 1..16, a signer set of 2..16 ascending distinct indices 1..16 that includes the party,
    /// R a valid non-identity point, canonical w and u, no trailing bytes.
    /// </summary>
    public static PartialSignature Decode(ReadOnlySpan<byte> encoded)
    {
        var reader = new WireReader(encoded);
        if (reader.ReadByte() != FormatVersion)
        {
            throw new MpcDecodeException("unsupported partial signature version");
        }

        var party = reader.ReadByte();
        if (party < 1 || party > KeyShare.MaxParties)
        {
            throw new MpcDecodeException("partial signature party out of range");
        }

        int count = reader.ReadByte();
        if (count < 2 || count > KeyShare.MaxParties)
        {
            throw new MpcDecodeException($"partial signature signer count {count} outside 2..{KeyShare.MaxParties}");
        }

        var signers = new int[count];
        for (var i = 0; i < count; i++)
        {
            signers[i] = reader.ReadByte();
        }

        if (!IsSignerSet(signers) || !signers.Contains(party))
        {
            throw new MpcDecodeException("partial signature signer set invalid");
        }

        var digest = reader.ReadFixed(32).ToArray();
        var r = reader.ReadPoint();
        var w = reader.ReadScalar();
        var u = reader.ReadScalar();
        reader.EnsureEnd();
        return new PartialSignature(party, signers, digest, r, w, u);
    }

    public override string ToString() => $"PartialSignature(party {Party} of {string.Join(",", _signers)})";

    private static bool IsSignerSet(IReadOnlyList<int> signers)
    {
        if (signers.Count < 2 || signers.Count > KeyShare.MaxParties)
        {
            return false;
        }

        for (var i = 0; i < signers.Count; i++)
        {
            if (signers[i] < 1 || signers[i] > KeyShare.MaxParties || (i > 0 && signers[i] <= signers[i - 1]))
            {
                return false;
            }
        }

        return true;
    }
}
