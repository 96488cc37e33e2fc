namespace MpcWallet.Mpc.Curve;

/// <summary>
/// The GLV method (Gallant, Lambert, Vanstone, Crypto 2001) on secp256k1: λ·(x, y) = (β·x, y) for a cube root of
/// unity λ mod q, so k·P = k1·P + k2·φ(P) with half-length k1, k2 and half the doublings.
/// <para>The split is constant time: with the short lattice basis v1 = (a1, b1), v2 = (a2, b2) of
/// {(x, y) : x + y·λ ≡ 0 mod q}, c1 = round(b2·k/q) and c2 = round(−b1·k/q) are computed as (k·g_i + 2^383) ≫ 384 with
/// g1 = round(2^384·b2/q), g2 = round(2^384·(−b1)/q); then k2 = −c1·b1 − c2·b2 and k1 = k − λ·k2 (mod q). Both are
/// below 2^129 in absolute value (Babai rounding gives |k_i| ≤ (|a1| + |a2|)/2 + rounding error &lt; 2^129), returned as
/// a magnitude and a sign mask. The constants were derived with the extended Euclidean algorithm on (q, λ); tests
/// check every relation.</para>
/// </summary>
internal static class Endomorphism
{
    /// <summary>λ, with λ·G = (β·x_G, y_G).</summary>
    public static readonly Scalar Lambda = Scalar.FromCanonicalLimbs(
        0xDF02967C1B23BD72UL, 0x122E22EA20816678UL, 0xA5261C028812645AUL, 0x5363AD4CC05C30E0UL);

    // −b1 = 0xE4437ED6010E88286F547FA90ABFE4C3, −b2 = q − 0x3086D221A7D46BCDE86C90E49284EB15.
    private static readonly Scalar MinusB1 = Scalar.FromCanonicalLimbs(0x6F547FA90ABFE4C3UL, 0xE4437ED6010E8828UL, 0, 0);
    private static readonly Scalar MinusB2 = Scalar.FromCanonicalLimbs(
        0xD765CDA83DB1562CUL, 0x8A280AC50774346DUL, 0xFFFFFFFFFFFFFFFEUL, 0xFFFFFFFFFFFFFFFFUL);

    private static readonly (ulong, ulong, ulong, ulong) G1 =
        (0xE893209A45DBB031UL, 0x3DAA8A1471E8CA7FUL, 0xE86C90E49284EB15UL, 0x3086D221A7D46BCDUL);

    private static readonly (ulong, ulong, ulong, ulong) G2 =
        (0x1571B4AE8AC47F71UL, 0x221208AC9DF506C6UL, 0x6F547FA90ABFE4C4UL, 0xE4437ED6010E8828UL);

    /// <summary>Half-length scalar as three limbs (the top one at most 1) with a sign mask (all ones = negative).</summary>
    public readonly record struct Half(ulong L0, ulong L1, ulong L2, ulong NegativeMask);

    /// <summary>k = k1 + λ·k2 (mod q), both halves below 2^129 in magnitude; no branch depends on k.</summary>
    public static (Half K1, Half K2) Split(Scalar k)
    {
        var limbs = k.ToCanonicalLimbs();
        var c1 = MultiplyShiftRound(limbs, G1);
        var c2 = MultiplyShiftRound(limbs, G2);
        var k2 = (c1 * MinusB1) + (c2 * MinusB2);
        var k1 = k - (Lambda * k2);
        return (ToHalf(k1), ToHalf(k2));
    }

    private static Half ToHalf(Scalar value)
    {
        var negative = value.IsHighMask();
        var magnitude = Scalar.Select(negative, -value, value);
        var (l0, l1, l2, _) = magnitude.ToCanonicalLimbs();
        return new Half(l0, l1, l2, negative);
    }

    /// <summary>round(a·g / 2^384) as a scalar (the result is below 2^129 &lt; q).</summary>
    private static Scalar MultiplyShiftRound((ulong L0, ulong L1, ulong L2, ulong L3) a, (ulong L0, ulong L1, ulong L2, ulong L3) g)
    {
        Span<ulong> product = stackalloc ulong[8];
        product.Clear();
        ReadOnlySpan<ulong> x = [a.L0, a.L1, a.L2, a.L3];
        ReadOnlySpan<ulong> y = [g.L0, g.L1, g.L2, g.L3];
        for (var i = 0; i < 4; i++)
        {
            ulong carry = 0;
            for (var j = 0; j < 4; j++)
            {
                product[i + j] = Limb.MulAdd(x[j], y[i], product[i + j], ref carry);
            }

            product[i + 4] = carry;
        }

        // Bits 384..511, plus bit 383 for rounding to nearest.
        ulong c = 0;
        var r0 = Limb.AddCarry(product[6], product[5] >> 63, ref c);
        var r1 = Limb.AddCarry(product[7], 0, ref c);
        product.Clear();
        return Scalar.FromCanonicalLimbs(r0, r1, c, 0);
    }
}
