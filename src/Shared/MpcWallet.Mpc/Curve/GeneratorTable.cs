using System.Runtime.Intrinsics;

namespace MpcWallet.Mpc.Curve;

/// <summary>
/// Constant-time k·G for secret k (nonces, shares, base-OT exponents, polynomial coefficients) from a precomputed
/// table: T[i][j] = (2j + 1)·64^i·G for 43 windows i of 6 bits and j = 0..31, affine, 86 KiB, built once per process.
/// <para>Signed odd-digit recoding (every digit nonzero, so every step is one mixed addition of a real table point and
/// the step count never depends on k): with s = (k + 2^258 − 1)/2 mod q and b_i the 6-bit windows of s, the digits
/// d_i = 2·b_i − 63 ∈ {±1, ±3, …, ±63} satisfy Σ d_i·64^i = 2s − (2^258 − 1) ≡ k (mod q). Each window reads all 32
/// entries of its row and keeps one by masking, then negates y by masking: no branch and no memory address depends
/// on k. 43 complete mixed additions (RCB Algorithm 8), no doublings. Six-bit windows beat four-bit ones (64
/// additions) although each read scans four times as many entries: an addition costs more than 24 extra masked
/// entry reads.</para>
/// </summary>
internal static class GeneratorTable
{
    private const int WindowBits = 6;
    private const int Windows = 43;
    private const int EntriesPerWindow = 1 << (WindowBits - 1);

    private static readonly AffinePoint[] Table = Build();

    /// <summary>The same table as 26-bit limbs (x then y, ten each) for the four-lane path; 220 KiB.</summary>
    private static readonly ulong[] Limbs26 = FieldElement4.IsSupported ? BuildLimbs26() : [];

    // (2^258 − 1) mod q and 2^−1 mod q: s = (k + Offset)·Half.
    private static readonly Scalar Offset = Scalar.FromNumerics((System.Numerics.BigInteger.One << (WindowBits * Windows)) - 1);
    private static readonly Scalar Half = Scalar.FromUInt64(2).Invert();

    public static ProjectivePoint Multiply(Scalar k)
    {
        var (s0, s1, s2, s3) = ((k + Offset) * Half).ToCanonicalLimbs();
        ReadOnlySpan<ulong> s = [s0, s1, s2, s3, 0];
        var table = Table.AsSpan();
        var acc = ProjectivePoint.Identity;
        for (var i = 0; i < Windows; i++)
        {
            var entry = OddDigitTable.Lookup(table.Slice(i * EntriesPerWindow, EntriesPerWindow), Window(s, i));
            acc = ProjectivePoint.Add(acc, entry);
        }

        return acc;
    }

    /// <summary>k_i·G for many scalars: four lanes at a time on AVX2, the same masked reads and additions per lane.</summary>
    public static void MultiplyBatch(ReadOnlySpan<Scalar> scalars, Span<ProjectivePoint> results)
    {
        if (results.Length < scalars.Length)
        {
            throw new ArgumentException("need one result per scalar");
        }

        var i = 0;
        if (VectorPaths.Enabled)
        {
            for (; i + 4 <= scalars.Length; i += 4)
            {
                Multiply4(scalars.Slice(i, 4), results.Slice(i, 4));
            }
        }

        for (; i < scalars.Length; i++)
        {
            results[i] = Multiply(scalars[i]);
        }
    }

    private static void Multiply4(ReadOnlySpan<Scalar> scalars, Span<ProjectivePoint> results)
    {
        Span<ulong> s = stackalloc ulong[20];
        for (var lane = 0; lane < 4; lane++)
        {
            var (s0, s1, s2, s3) = ((scalars[lane] + Offset) * Half).ToCanonicalLimbs();
            s[lane * 5] = s0;
            s[(lane * 5) + 1] = s1;
            s[(lane * 5) + 2] = s2;
            s[(lane * 5) + 3] = s3;
        }

        var limbs = Limbs26.AsSpan();
        var acc = ProjectivePoint4.Identity;
        for (var i = 0; i < Windows; i++)
        {
            var windows = Vector256.Create(Window(s[..5], i), Window(s[5..10], i), Window(s[10..15], i), Window(s[15..], i));
            var negative = (windows >>> (WindowBits - 1)) - Vector256<ulong>.One;
            var index = (windows ^ (negative & Vector256.Create((ulong)EntriesPerWindow - 1))) & Vector256.Create((ulong)EntriesPerWindow - 1);
            var x = FieldElement4.Zero;
            var y = FieldElement4.Zero;
            var row = limbs.Slice(i * EntriesPerWindow * 20, EntriesPerWindow * 20);
            for (var j = 0; j < EntriesPerWindow; j++)
            {
                var mask = Vector256.Equals(index, Vector256.Create((ulong)j));
                FieldElement4.OrMaskedBroadcast(ref x, row.Slice(j * 20, 10), mask);
                FieldElement4.OrMaskedBroadcast(ref y, row.Slice((j * 20) + 10, 10), mask);
            }

            y = FieldElement4.Select(negative, -y, y);
            acc = ProjectivePoint4.AddAffine(acc, x, y);
        }

        s.Clear();
        acc.ToLanes(results);
    }

    /// <summary>Bits 6i..6i+5 of s (the position is public; windows may straddle two limbs).</summary>
    private static ulong Window(ReadOnlySpan<ulong> s, int i)
    {
        var bit = i * WindowBits;
        var limb = bit / 64;
        var shift = bit % 64;
        var value = s[limb] >> shift;
        if (shift > 64 - WindowBits)
        {
            value |= s[limb + 1] << (64 - shift);
        }

        return value & ((1UL << WindowBits) - 1);
    }

    private static ulong[] BuildLimbs26()
    {
        var limbs = new ulong[Table.Length * 20];
        for (var e = 0; e < Table.Length; e++)
        {
            FieldElement4.ToLimbs26(Table[e].X, limbs.AsSpan(e * 20, 10));
            FieldElement4.ToLimbs26(Table[e].Y, limbs.AsSpan((e * 20) + 10, 10));
        }

        return limbs;
    }

    private static AffinePoint[] Build()
    {
        var projective = new ProjectivePoint[Windows * EntriesPerWindow];
        var basePoint = ProjectivePoint.FromAffine(Secp256k1.G);
        for (var i = 0; i < Windows; i++)
        {
            OddDigitTable.Fill(basePoint, projective.AsSpan(i * EntriesPerWindow, EntriesPerWindow));
            for (var d = 0; d < WindowBits; d++)
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
