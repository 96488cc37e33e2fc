namespace MpcWallet.Mpc.Curve;

/// <summary>
/// Constant-time reads of the tables of odd multiples P, 3P, …, 15P used by both secret-scalar multipliers. A 4-bit
/// window b stands for the odd digit d = 2b − 15: b ≥ 8 gives +(2(b − 8) + 1), b &lt; 8 gives −(2(7 − b) + 1). All
/// eight entries are read and one kept by masks; the sign is applied by a masked negation.
/// </summary>
internal static class OddDigitTable
{
    public const int Entries = 8;

    public static AffinePoint Lookup(ReadOnlySpan<AffinePoint> table, ulong window)
    {
        var (index, negative) = Decode(window);
        var x = FieldElement.Zero;
        var y = FieldElement.Zero;
        for (var j = 0; j < Entries; j++)
        {
            var mask = Limb.EqualMask((ulong)j, index);
            x = FieldElement.Select(mask, table[j].X, x);
            y = FieldElement.Select(mask, table[j].Y, y);
        }

        return new AffinePoint(x, FieldElement.Select(negative, -y, y));
    }

    public static ProjectivePoint Lookup(ReadOnlySpan<ProjectivePoint> table, ulong window)
    {
        var (index, negative) = Decode(window);
        var x = FieldElement.Zero;
        var y = FieldElement.Zero;
        var z = FieldElement.Zero;
        for (var j = 0; j < Entries; j++)
        {
            var mask = Limb.EqualMask((ulong)j, index);
            x = FieldElement.Select(mask, table[j].X, x);
            y = FieldElement.Select(mask, table[j].Y, y);
            z = FieldElement.Select(mask, table[j].Z, z);
        }

        return new ProjectivePoint(x, FieldElement.Select(negative, -y, y), z);
    }

    /// <summary>P, 3P, …, 15P (one doubling, seven complete additions).</summary>
    public static void Fill(in ProjectivePoint p, Span<ProjectivePoint> table)
    {
        var twice = ProjectivePoint.Double(p);
        table[0] = p;
        for (var j = 1; j < Entries; j++)
        {
            table[j] = ProjectivePoint.Add(table[j - 1], twice);
        }
    }

    private static (ulong Index, ulong NegativeMask) Decode(ulong window)
    {
        var positive = window >> 3;
        // b ≥ 8: index b − 8 = b & 7; b < 8: index 7 − b = (b & 7) ^ 7.
        var index = (window ^ ((positive - 1) & 7)) & 7;
        return (index, positive - 1);
    }
}
