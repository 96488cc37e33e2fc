using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Wire;

namespace MpcWallet.Mpc.Multiplication;

/// <summary>
/// RVOLE, Alice → Bob: the 512 × 3 corrections ã_l = α0_l − α1_l + (a0, a1, η), the masked check value
/// η′ = η + θ0·a0 + θ1·a1 and the check digest μ. Wire form: ã (1,536 canonical 32-byte scalars, row-major) ‖ η′ ‖ μ
/// (32 bytes), no header. Scalars ≥ q are rejected, never reduced.
/// </summary>
public sealed class RvoleResponse
{
    public const int CorrectionCount = Ot.OtParameters.RvoleRows * RvoleConstants.Width;
    public const int CorrectionLength = CorrectionCount * Scalar.EncodedLength;
    public const int MuLength = 32;
    public const int EncodedLength = CorrectionLength + Scalar.EncodedLength + MuLength;

    private readonly byte[] _correctionEncoding;
    private readonly Scalar[] _corrections;
    private readonly byte[] _mu;

    internal RvoleResponse(Scalar[] corrections, byte[] correctionEncoding, Scalar etaPrime, byte[] mu)
    {
        if (corrections.Length != CorrectionCount || correctionEncoding.Length != CorrectionLength || mu.Length != MuLength)
        {
            throw new ArgumentException("wrong RVOLE response part lengths");
        }

        _corrections = corrections;
        _correctionEncoding = correctionEncoding;
        EtaPrime = etaPrime;
        _mu = mu;
    }

    /// <summary>ã, row l at [3l, 3l + 3).</summary>
    internal Scalar[] Corrections => _corrections;

    /// <summary>The canonical encoding of ã, hashed for θ exactly as it travelled.</summary>
    internal ReadOnlySpan<byte> CorrectionEncoding => _correctionEncoding;

    internal Scalar EtaPrime { get; }

    internal ReadOnlySpan<byte> Mu => _mu;

    public void Write(WireWriter writer) => writer.WriteFixed(_correctionEncoding).WriteScalar(EtaPrime).WriteFixed(_mu);

    public byte[] Encode()
    {
        var writer = new WireWriter(EncodedLength);
        Write(writer);
        return writer.ToArray();
    }

    public static RvoleResponse Read(ref WireReader reader)
    {
        var encoding = reader.ReadFixed(CorrectionLength).ToArray();
        var corrections = new Scalar[CorrectionCount];
        for (var i = 0; i < corrections.Length; i++)
        {
            if (!Scalar.TryFromCanonical(encoding.AsSpan(i * Scalar.EncodedLength, Scalar.EncodedLength), out corrections[i]))
            {
                throw new MpcDecodeException($"RVOLE correction {i} is not a canonical scalar");
            }
        }

        var etaPrime = reader.ReadScalar();
        var mu = reader.ReadFixed(MuLength).ToArray();
        return new RvoleResponse(corrections, encoding, etaPrime, mu);
    }

    /// <summary>Decodes a complete response (exact length; throws <see cref="MpcDecodeException"/>).</summary>
    public static RvoleResponse Decode(ReadOnlySpan<byte> encoded)
    {
        var reader = new WireReader(encoded);
        var response = Read(ref reader);
        reader.EnsureEnd();
        return response;
    }
}
