using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Wire;

namespace MpcWallet.Mpc.Signing;

/// <summary>
/// One signer's output of a signing session (the "S4" message to the aggregator): the agreed signing session digest,
/// the joint nonce point R and the additive shares w_i = m·φ_i + r_x·v_i and u_i with Σw / Σu = s.
/// Not secret on its own (the shares of a completed signature reveal nothing beyond it), but each is single use.
/// </summary>
public sealed class PartialSignature
{
    public const byte FormatVersion = 1;
    public const int EncodedLength = 2 + 32 + Point.EncodedLength + 2 * Scalar.EncodedLength;

    public PartialSignature(int party, byte[] signingSessionDigest, Point r, Scalar w, Scalar u)
    {
        ArgumentNullException.ThrowIfNull(signingSessionDigest);
        ArgumentNullException.ThrowIfNull(r);
        if (party < 1 || party > KeyShare.MaxParties)
        {
            throw new ArgumentOutOfRangeException(nameof(party), "party indices are 1..16");
        }

        if (signingSessionDigest.Length != 32 || r.IsIdentity)
        {
            throw new ArgumentException("the signing session digest is 32 bytes and R is not the identity");
        }

        Party = party;
        SigningSessionDigest = (byte[])signingSessionDigest.Clone();
        R = r;
        W = w;
        U = u;
    }

    public int Party { get; }

    public byte[] SigningSessionDigest { get; }

    public Point R { get; }

    public Scalar W { get; }

    public Scalar U { get; }

    public byte[] Encode() =>
        new WireWriter(EncodedLength)
            .WriteByte(FormatVersion).WriteByte((byte)Party)
            .WriteFixed(SigningSessionDigest).WritePoint(R).WriteScalar(W).WriteScalar(U)
            .ToArray();

    /// <summary>Strict: exact length, version, party 1..16, R a valid non-identity point, canonical w and u.</summary>
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

        var digest = reader.ReadFixed(32).ToArray();
        var r = reader.ReadPoint();
        var w = reader.ReadScalar();
        var u = reader.ReadScalar();
        reader.EnsureEnd();
        return new PartialSignature(party, digest, r, w, u);
    }

    public override string ToString() => $"PartialSignature(party {Party})";
}
