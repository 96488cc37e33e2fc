using System.Runtime.Intrinsics;

namespace MpcWallet.Mpc.Curve;

/// <summary>
/// Constant-time k·P for a secret k and any point P (Bob's χ in the Γ checks, the base-OT exponents).
/// <para>GLV split k = k1 + λ·k2 (<see cref="Endomorphism"/>, constant time), then one fixed-window ladder over both
/// halves with shared doublings: 33 windows of 4 bits, each 4 doublings and two complete additions of entries read
/// from the tables ±(P, 3P, …, 15P) and ±φ(P, 3P, …, 15P) by <see cref="OddDigitTable"/> (all entries read, one kept by
/// masks). The odd-digit recoding needs odd halves, so an even half is incremented and the extra ±P (or ±φ(P)) is
/// subtracted at the end by a masked selection between two computed results. All formulas are complete, so P may be
/// the identity and no intermediate sum needs a special case: the sequence of operations is the same for every k and
/// every P.</para>
/// </summary>
internal static class SecretScalarMultiplier
{
    /// <summary>33 windows of 4 bits cover the halves (below 2^129, plus one) with the recoding's extra bit.</summary>
    private const int Windows = 33;

    public static ProjectivePoint Multiply(in ProjectivePoint p, Scalar k)
    {
        var (k1, k2) = Endomorphism.Split(k);
        var (s1, even1) = Recode(k1);
        var (s2, even2) = Recode(k2);

        Span<ProjectivePoint> table1 = stackalloc ProjectivePoint[OddDigitTable.Entries];
        Span<ProjectivePoint> table2 = stackalloc ProjectivePoint[OddDigitTable.Entries];
        OddDigitTable.Fill(p, table1);
        for (var j = 0; j < OddDigitTable.Entries; j++)
        {
            table2[j] = table1[j].Endomorphism().ConditionalNegate(k2.NegativeMask);
            table1[j] = table1[j].ConditionalNegate(k1.NegativeMask);
        }

        var acc = ProjectivePoint.Add(
            OddDigitTable.Lookup(table1, Window(s1, Windows - 1)),
            OddDigitTable.Lookup(table2, Window(s2, Windows - 1)));
        for (var i = Windows - 2; i >= 0; i--)
        {
            acc = ProjectivePoint.Double(acc);
            acc = ProjectivePoint.Double(acc);
            acc = ProjectivePoint.Double(acc);
            acc = ProjectivePoint.Double(acc);
            acc = ProjectivePoint.Add(acc, OddDigitTable.Lookup(table1, Window(s1, i)));
            acc = ProjectivePoint.Add(acc, OddDigitTable.Lookup(table2, Window(s2, i)));
        }

        // Undo the increments of even halves: subtract ±P and/or ±φ(P), keeping the result only where it applies.
        acc = ProjectivePoint.Select(even1, ProjectivePoint.Add(acc, table1[0].Negate()), acc);
        acc = ProjectivePoint.Select(even2, ProjectivePoint.Add(acc, table2[0].Negate()), acc);
        table1.Clear();
        table2.Clear();
        return acc;
    }

    /// <summary>
    /// k_i·P_i for many independent pairs (the base OT's 256 per peer): four lanes at a time on AVX2
    /// (<see cref="FieldElement4"/>), the same sequence of operations as <see cref="Multiply"/> in every lane, the
    /// remainder one by one. Every lane is constant time in its own scalar and point.
    /// </summary>
    public static void MultiplyBatch(ReadOnlySpan<ProjectivePoint> points, ReadOnlySpan<Scalar> scalars, Span<ProjectivePoint> results)
    {
        if (points.Length != scalars.Length || results.Length < points.Length)
        {
            throw new ArgumentException("need one scalar and one result per point");
        }

        var i = 0;
        if (VectorPaths.Enabled)
        {
            for (; i + 4 <= points.Length; i += 4)
            {
                Multiply4(points.Slice(i, 4), scalars.Slice(i, 4), results.Slice(i, 4));
            }
        }

        for (; i < points.Length; i++)
        {
            results[i] = Multiply(points[i], scalars[i]);
        }
    }

    private static void Multiply4(ReadOnlySpan<ProjectivePoint> points, ReadOnlySpan<Scalar> scalars, Span<ProjectivePoint> results)
    {
        Span<ulong> s1 = stackalloc ulong[12];
        Span<ulong> s2 = stackalloc ulong[12];
        Span<ulong> masks = stackalloc ulong[16];
        for (var lane = 0; lane < 4; lane++)
        {
            var (k1, k2) = Endomorphism.Split(scalars[lane]);
            var ((a0, a1, a2), even1) = Recode(k1);
            var ((b0, b1, b2), even2) = Recode(k2);
            s1[lane] = a0; s1[4 + lane] = a1; s1[8 + lane] = a2;
            s2[lane] = b0; s2[4 + lane] = b1; s2[8 + lane] = b2;
            masks[lane] = k1.NegativeMask;
            masks[4 + lane] = k2.NegativeMask;
            masks[8 + lane] = even1;
            masks[12 + lane] = even2;
        }

        var negative1 = Vector256.Create(masks[0], masks[1], masks[2], masks[3]);
        var negative2 = Vector256.Create(masks[4], masks[5], masks[6], masks[7]);
        var wasEven1 = Vector256.Create(masks[8], masks[9], masks[10], masks[11]);
        var wasEven2 = Vector256.Create(masks[12], masks[13], masks[14], masks[15]);
        var lanes1 = (Vector256.Create(s1[0], s1[1], s1[2], s1[3]), Vector256.Create(s1[4], s1[5], s1[6], s1[7]), Vector256.Create(s1[8], s1[9], s1[10], s1[11]));
        var lanes2 = (Vector256.Create(s2[0], s2[1], s2[2], s2[3]), Vector256.Create(s2[4], s2[5], s2[6], s2[7]), Vector256.Create(s2[8], s2[9], s2[10], s2[11]));
        s1.Clear();
        s2.Clear();
        masks.Clear();

        Span<ProjectivePoint4> table1 = stackalloc ProjectivePoint4[OddDigitTable.Entries];
        Span<ProjectivePoint4> table2 = stackalloc ProjectivePoint4[OddDigitTable.Entries];
        OddDigitTable.Fill(ProjectivePoint4.FromLanes(points), table1);
        for (var j = 0; j < OddDigitTable.Entries; j++)
        {
            table2[j] = table1[j].Endomorphism().ConditionalNegate(negative2);
            table1[j] = table1[j].ConditionalNegate(negative1);
        }

        var acc = ProjectivePoint4.Add(
            OddDigitTable.Lookup(table1, Window(lanes1, Windows - 1)),
            OddDigitTable.Lookup(table2, Window(lanes2, Windows - 1)));
        for (var i = Windows - 2; i >= 0; i--)
        {
            acc = ProjectivePoint4.Double(acc);
            acc = ProjectivePoint4.Double(acc);
            acc = ProjectivePoint4.Double(acc);
            acc = ProjectivePoint4.Double(acc);
            acc = ProjectivePoint4.Add(acc, OddDigitTable.Lookup(table1, Window(lanes1, i)));
            acc = ProjectivePoint4.Add(acc, OddDigitTable.Lookup(table2, Window(lanes2, i)));
        }

        acc = ProjectivePoint4.Select(wasEven1, ProjectivePoint4.Add(acc, table1[0].Negate()), acc);
        acc = ProjectivePoint4.Select(wasEven2, ProjectivePoint4.Add(acc, table2[0].Negate()), acc);
        acc.ToLanes(results);
        table1.Clear();
        table2.Clear();
    }

    private static Vector256<ulong> Window((Vector256<ulong> L0, Vector256<ulong> L1, Vector256<ulong> L2) s, int i)
    {
        var limb = (i / 16) switch
        {
            0 => s.L0,
            1 => s.L1,
            _ => s.L2,
        };
        return (limb >>> (4 * (i % 16))) & Vector256.Create(15UL);
    }

    /// <summary>
    /// s = (m' + 2^132 − 1)/2 for the odd m' = m + [m even]; the 4-bit windows b_i of s give digits 2b_i − 15 with
    /// Σ (2b_i − 15)·16^i = 2s − (2^132 − 1) = m'. Returns s's three limbs and an all-ones mask when m was even.
    /// </summary>
    private static ((ulong, ulong, ulong) S, ulong EvenMask) Recode(Endomorphism.Half half)
    {
        var even = 1 - (half.L0 & 1);
        ulong carry = 0;
        var m0 = Limb.AddCarry(half.L0, even, ref carry);
        var m1 = Limb.AddCarry(half.L1, 0, ref carry);
        var m2 = Limb.AddCarry(half.L2, 0, ref carry);
        carry = 0;
        var t0 = Limb.AddCarry(m0, ulong.MaxValue, ref carry);
        var t1 = Limb.AddCarry(m1, ulong.MaxValue, ref carry);
        var t2 = Limb.AddCarry(m2, 0xF, ref carry);
        return (((t0 >> 1) | (t1 << 63), (t1 >> 1) | (t2 << 63), t2 >> 1), Limb.Mask(even));
    }

    private static ulong Window((ulong L0, ulong L1, ulong L2) s, int i)
    {
        var limb = (i / 16) switch
        {
            0 => s.L0,
            1 => s.L1,
            _ => s.L2,
        };
        return (limb >> (4 * (i % 16))) & 15;
    }
}
