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
