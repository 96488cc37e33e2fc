using System.Runtime.Intrinsics;

namespace MpcWallet.Mpc.Curve;

/// <summary>
/// Constant-time reads of tables of odd multiples P, 3P, …, (2^w − 1)P used by both secret-scalar multipliers. A w-bit
/// window b stands for the odd digit d = 2b − (2^w − 1): the upper half of b gives +(2(b − 2^(w−1)) + 1), the lower
/// half −(2(2^(w−1) − 1 − b) + 1). All 2^(w−1) entries are read and one kept by masks; the sign is applied by a
/// masked negation.
/// </summary>
internal static class OddDigitTable
{
    /// <summary>Entries of the 4-bit tables of the variable-base multiplier.</summary>
    public const int Entries = 8;

    public static AffinePoint Lookup(ReadOnlySpan<AffinePoint> table, ulong window)
    {
        var (index, negative) = Decode(window, table.Length);
        var x = FieldElement.Zero;
        var y = FieldElement.Zero;
        for (var j = 0; j < table.Length; j++)
        {
            var mask = Limb.EqualMask((ulong)j, index);
            x = FieldElement.Select(mask, table[j].X, x);
            y = FieldElement.Select(mask, table[j].Y, y);
        }

        return new AffinePoint(x, FieldElement.Select(negative, -y, y));
    }

    public static ProjectivePoint Lookup(ReadOnlySpan<ProjectivePoint> table, ulong window)
    {
        var (index, negative) = Decode(window, table.Length);
        var x = FieldElement.Zero;
        var y = FieldElement.Zero;
        var z = FieldElement.Zero;
        for (var j = 0; j < table.Length; j++)
        {
            var mask = Limb.EqualMask((ulong)j, index);
            x = FieldElement.Select(mask, table[j].X, x);
            y = FieldElement.Select(mask, table[j].Y, y);
            z = FieldElement.Select(mask, table[j].Z, z);
        }

        return new ProjectivePoint(x, FieldElement.Select(negative, -y, y), z);
    }

    /// <summary>Four lanes at once: lane i reads the entry for windows[i] of its own table (entries hold all lanes).</summary>
    public static ProjectivePoint4 Lookup(ReadOnlySpan<ProjectivePoint4> table, Vector256<ulong> windows)
    {
        var half = (ulong)table.Length;
        var negative = (windows >>> System.Numerics.BitOperations.Log2(half)) - Vector256<ulong>.One;
        var index = (windows ^ (negative & Vector256.Create(half - 1))) & Vector256.Create(half - 1);
        // Accumulate masked entries in place: building a 960-byte point per entry would copy it eight times.
        var result = default(ProjectivePoint4);
        for (var j = 0; j < table.Length; j++)
        {
            var mask = Vector256.Equals(index, Vector256.Create((ulong)j));
            FieldElement4.OrMasked(ref result.X, table[j].X, mask);
            FieldElement4.OrMasked(ref result.Y, table[j].Y, mask);
            FieldElement4.OrMasked(ref result.Z, table[j].Z, mask);
        }

        result.Y = FieldElement4.Select(negative, -result.Y, result.Y);
        return result;
    }

    /// <summary>P, 3P, …, (2·table.Length − 1)P in every lane.</summary>
    public static void Fill(in ProjectivePoint4 p, Span<ProjectivePoint4> table)
    {
        var twice = ProjectivePoint4.Double(p);
        table[0] = p;
        for (var j = 1; j < table.Length; j++)
        {
            table[j] = ProjectivePoint4.Add(table[j - 1], twice);
        }
    }

    /// <summary>P, 3P, …, (2·table.Length − 1)P (one doubling, then complete additions).</summary>
    public static void Fill(in ProjectivePoint p, Span<ProjectivePoint> table)
    {
        var twice = ProjectivePoint.Double(p);
        table[0] = p;
        for (var j = 1; j < table.Length; j++)
        {
            table[j] = ProjectivePoint.Add(table[j - 1], twice);
        }
    }

    /// <summary>(entry index, all-ones if the digit is negative) for a window over a table of <paramref name="entries"/> = 2^(w−1).</summary>
    private static (ulong Index, ulong NegativeMask) Decode(ulong window, int entries)
    {
        var half = (ulong)entries;
        // A shift, not a division: division time can depend on the operands.
        var positive = window >> System.Numerics.BitOperations.Log2(half);
        // Upper half: index b − 2^(w−1) = b mod 2^(w−1); lower half: index 2^(w−1) − 1 − b = (b mod 2^(w−1)) ^ (2^(w−1) − 1).
        var index = (window ^ ((positive - 1) & (half - 1))) & (half - 1);
        return (index, positive - 1);
    }
}
