namespace MpcWallet.Mpc.Curve;

/// <summary>
/// Constant-time k·G for secret k (nonces, shares, base-OT exponents, polynomial coefficients) from a precomputed
/// table: T[i][j] = (2j + 1)·16^i·G for 64 windows i and j = 0..7, affine, 32 KiB, built once per process.
/// <para>Signed odd-digit recoding (every digit nonzero, so every step is one mixed addition of a real table point and
/// the step count never depends on k): with s = (k + 2^256 − 1)/2 mod q and b_i the 4-bit windows of s, the digits
/// d_i = 2·b_i − 15 ∈ {±1, ±3, …, ±15} satisfy Σ d_i·16^i = 2s − (2^256 − 1) ≡ k (mod q). Each window reads all eight
/// entries of its row and keeps one by masking, then negates y by masking: no branch and no memory address depends
/// on k. 64 complete mixed additions (RCB Algorithm 8), no doublings.</para>
/// </summary>
internal static class GeneratorTable
{
    private const int Windows = 64;
    private const int EntriesPerWindow = 8;

    private static readonly AffinePoint[] Table = Build();

    // (2^256 − 1) mod q and 2^−1 mod q: s = (k + Offset)·Half.
    private static readonly Scalar Offset = Scalar.FromNumerics((System.Numerics.BigInteger.One << 256) - 1);
    private static readonly Scalar Half = Scalar.FromUInt64(2).Invert();

    public static ProjectivePoint Multiply(Scalar k)
    {
        var (s0, s1, s2, s3) = ((k + Offset) * Half).ToCanonicalLimbs();
        ReadOnlySpan<ulong> s = [s0, s1, s2, s3];
        var table = Table.AsSpan();
        var acc = ProjectivePoint.Identity;
        for (var i = 0; i < Windows; i++)
        {
            var window = (s[i / 16] >> (4 * (i % 16))) & 15;
            var entry = OddDigitTable.Lookup(table.Slice(i * EntriesPerWindow, EntriesPerWindow), window);
            acc = ProjectivePoint.Add(acc, entry);
        }

        return acc;
    }

    private static AffinePoint[] Build()
    {
        var projective = new ProjectivePoint[Windows * EntriesPerWindow];
        var basePoint = ProjectivePoint.FromAffine(Secp256k1.G);
        for (var i = 0; i < Windows; i++)
        {
            var twice = ProjectivePoint.Double(basePoint);
            projective[i * EntriesPerWindow] = basePoint;
            for (var j = 1; j < EntriesPerWindow; j++)
            {
                projective[(i * EntriesPerWindow) + j] = ProjectivePoint.Add(projective[(i * EntriesPerWindow) + j - 1], twice);
            }

            for (var d = 0; d < 4; d++)
            {
                basePoint = ProjectivePoint.Double(basePoint);
            }
        }

        var affine = new AffinePoint[projective.Length];
        var identities = new ulong[projective.Length];
        ProjectivePoint.ToAffine(projective, affine, identities);
        return affine;
    }
}
