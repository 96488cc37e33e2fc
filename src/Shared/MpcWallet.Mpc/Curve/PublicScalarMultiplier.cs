namespace MpcWallet.Mpc.Curve;

/// <summary>
/// Variable-time multi-scalar multiplication Σ k_j·P_j for public scalars and points only (signature and Schnorr
/// verification, Feldman checks, Lagrange interpolation in the exponent): its running time depends on the scalars.
/// <para>Each k_j is GLV-split into two halves of ~128 bits, each half recoded in width-5 NAF (digits odd or zero,
/// at least four zeros after each nonzero digit); the 2m halves share one chain of ~130 doublings (Strauss–Shamir
/// interleaving) and each nonzero digit costs one complete addition of ±(P, 3P, …, 15P) or of its φ image.</para>
/// </summary>
internal static class PublicScalarMultiplier
{
    private const int Width = 5;

    /// <summary>Digits per half: magnitudes are below 2^129, a NAF is at most one digit longer.</summary>
    private const int MaxDigits = 132;

    public static ProjectivePoint LinearCombination(ReadOnlySpan<ProjectivePoint> points, ReadOnlySpan<Scalar> scalars)
    {
        if (points.Length != scalars.Length)
        {
            throw new ArgumentException("need one scalar per point");
        }

        var terms = 2 * points.Length;
        var tables = new ProjectivePoint[terms * OddDigitTable.Entries];
        var digits = new sbyte[terms * MaxDigits];
        var length = 0;
        for (var j = 0; j < points.Length; j++)
        {
            var (k1, k2) = Endomorphism.Split(scalars[j]);
            var first = tables.AsSpan(2 * j * OddDigitTable.Entries, OddDigitTable.Entries);
            var second = tables.AsSpan(((2 * j) + 1) * OddDigitTable.Entries, OddDigitTable.Entries);
            OddDigitTable.Fill(points[j], first);
            for (var e = 0; e < OddDigitTable.Entries; e++)
            {
                second[e] = first[e].Endomorphism();
                if (k2.NegativeMask != 0)
                {
                    second[e] = second[e].Negate();
                }

                if (k1.NegativeMask != 0)
                {
                    first[e] = first[e].Negate();
                }
            }

            length = Math.Max(length, Naf(k1, digits.AsSpan(2 * j * MaxDigits, MaxDigits)));
            length = Math.Max(length, Naf(k2, digits.AsSpan(((2 * j) + 1) * MaxDigits, MaxDigits)));
        }

        var acc = ProjectivePoint.Identity;
        var started = false;
        for (var i = length - 1; i >= 0; i--)
        {
            if (started)
            {
                acc = ProjectivePoint.Double(acc);
            }

            for (var t = 0; t < terms; t++)
            {
                int digit = digits[(t * MaxDigits) + i];
                if (digit == 0)
                {
                    continue;
                }

                var entry = tables[(t * OddDigitTable.Entries) + (Math.Abs(digit) >> 1)];
                acc = ProjectivePoint.Add(acc, digit > 0 ? entry : entry.Negate());
                started = true;
            }
        }

        return acc;
    }

    /// <summary>k·P for a small public k (Horner steps of Feldman evaluation): plain double-and-add.</summary>
    public static ProjectivePoint MultiplySmall(in ProjectivePoint p, uint k)
    {
        var acc = ProjectivePoint.Identity;
        for (var bit = 31 - System.Numerics.BitOperations.LeadingZeroCount(k | 1); bit >= 0; bit--)
        {
            acc = ProjectivePoint.Double(acc);
            if (((k >> bit) & 1) != 0)
            {
                acc = ProjectivePoint.Add(acc, p);
            }
        }

        return acc;
    }

    /// <summary>Width-5 NAF of a half's magnitude into digits (least significant first); returns the digit count.</summary>
    private static int Naf(Endomorphism.Half half, Span<sbyte> digits)
    {
        ReadOnlySpan<ulong> limbs = [half.L0, half.L1, half.L2, 0];
        var carry = 0;
        var length = 0;
        for (var bit = 0; bit < MaxDigits;)
        {
            if ((int)Bits(limbs, bit, 1) == carry)
            {
                bit++;
                continue;
            }

            var word = (int)Bits(limbs, bit, Width) + carry;
            carry = (word >> (Width - 1)) & 1;
            word -= carry << Width;
            digits[bit] = (sbyte)word;
            length = bit + 1;
            bit += Width;
        }

        if (carry != 0)
        {
            throw new InvalidOperationException("a GLV half exceeded its bound");
        }

        return length;
    }

    private static ulong Bits(ReadOnlySpan<ulong> limbs, int start, int count)
    {
        var limb = start / 64;
        var shift = start % 64;
        var value = limbs[limb] >> shift;
        if (shift + count > 64 && limb + 1 < limbs.Length)
        {
            value |= limbs[limb + 1] << (64 - shift);
        }

        return value & ((1UL << count) - 1);
    }
}
