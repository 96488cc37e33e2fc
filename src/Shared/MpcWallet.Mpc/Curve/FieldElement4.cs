using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MpcWallet.Mpc.Curve;

/// <summary>
/// Four independent elements of F_p in the four 64-bit lanes of AVX2 vectors, in radix 2^26: limb j of every lane in
/// <c>L[j]</c>, value = Σ L_j·2^(26j). The base OT runs 256 independent scalar multiplications per pair, so four of
/// them advance together; AVX2's VPMULUDQ (4 × 32×32→64-bit products per instruction) and carry-free additions make
/// one lane's field multiplication cost roughly 0.6× and its addition 0.3× of <see cref="FieldElement"/>'s.
/// <para>Invariant ("weak"): every limb below 2^27, limb 9 below 2^22 — every operation ends with a carry pass that
/// restores it, so no caller tracks magnitudes. Products of weak limbs are below 2^54 and
/// a column of ten of them below 2^58, far from overflowing a lane. Every instruction is the same for every value;
/// lanes never influence each other.</para>
/// <para>Reduction: 2^256 ≡ 2^32 + 977 (mod p), so bits from 256 up fold back as ×977 into limb 0 and ×2^6 into limb
/// 1; the high half of a product (weights 2^260 and up) folds with 2^260 ≡ 2^36 + 15632 = 2^10·2^26 + 15632.</para>
/// </summary>
internal struct FieldElement4 : IFieldOperations<FieldElement4>
{
    private const ulong Mask26 = (1UL << 26) - 1;
    private const ulong Mask22 = (1UL << 22) - 1;

    public Vector256<ulong> L0, L1, L2, L3, L4, L5, L6, L7, L8, L9;

    /// <summary>Whether this CPU can run the type at all; batch callers ask <see cref="VectorPaths.Enabled"/>, which tests can turn off.</summary>
    public static bool IsSupported => Avx2.IsSupported;

    public static FieldElement4 Zero => default;

    /// <summary>Lane i holds e_i.</summary>
    public static FieldElement4 FromLanes(in FieldElement e0, in FieldElement e1, in FieldElement e2, in FieldElement e3)
    {
        Span<ulong> l0 = stackalloc ulong[10];
        Span<ulong> l1 = stackalloc ulong[10];
        Span<ulong> l2 = stackalloc ulong[10];
        Span<ulong> l3 = stackalloc ulong[10];
        Split(e0, l0);
        Split(e1, l1);
        Split(e2, l2);
        Split(e3, l3);
        var r = new FieldElement4
        {
            L0 = Vector256.Create(l0[0], l1[0], l2[0], l3[0]),
            L1 = Vector256.Create(l0[1], l1[1], l2[1], l3[1]),
            L2 = Vector256.Create(l0[2], l1[2], l2[2], l3[2]),
            L3 = Vector256.Create(l0[3], l1[3], l2[3], l3[3]),
            L4 = Vector256.Create(l0[4], l1[4], l2[4], l3[4]),
            L5 = Vector256.Create(l0[5], l1[5], l2[5], l3[5]),
            L6 = Vector256.Create(l0[6], l1[6], l2[6], l3[6]),
            L7 = Vector256.Create(l0[7], l1[7], l2[7], l3[7]),
            L8 = Vector256.Create(l0[8], l1[8], l2[8], l3[8]),
            L9 = Vector256.Create(l0[9], l1[9], l2[9], l3[9]),
        };
        l0.Clear();
        l1.Clear();
        l2.Clear();
        l3.Clear();
        return r;
    }

    /// <summary>The same element in all four lanes (table constants).</summary>
    public static FieldElement4 Broadcast(in FieldElement e)
    {
        Span<ulong> l = stackalloc ulong[10];
        Split(e, l);
        return new FieldElement4
        {
            L0 = Vector256.Create(l[0]), L1 = Vector256.Create(l[1]), L2 = Vector256.Create(l[2]), L3 = Vector256.Create(l[3]),
            L4 = Vector256.Create(l[4]), L5 = Vector256.Create(l[5]), L6 = Vector256.Create(l[6]), L7 = Vector256.Create(l[7]),
            L8 = Vector256.Create(l[8]), L9 = Vector256.Create(l[9]),
        };
    }

    /// <summary>Lane <paramref name="lane"/> as a (weakly reduced) 4×64 element, without a branch.</summary>
    public readonly FieldElement Lane(int lane) => Pack(Strict(this), lane);

    /// <summary>All four lanes as 4×64 elements (one strict carry pass for all of them).</summary>
    public readonly void ToLanes(Span<FieldElement> lanes)
    {
        var s = Strict(this);
        for (var lane = 0; lane < 4; lane++)
        {
            lanes[lane] = Pack(s, lane);
        }
    }

    private static FieldElement Pack(in FieldElement4 s, int lane)
    {
        ulong l0 = s.L0.GetElement(lane), l1 = s.L1.GetElement(lane), l2 = s.L2.GetElement(lane), l3 = s.L3.GetElement(lane),
            l4 = s.L4.GetElement(lane), l5 = s.L5.GetElement(lane), l6 = s.L6.GetElement(lane), l7 = s.L7.GetElement(lane),
            l8 = s.L8.GetElement(lane), l9 = s.L9.GetElement(lane);
        return new FieldElement(
            l0 | (l1 << 26) | (l2 << 52),
            (l2 >> 12) | (l3 << 14) | (l4 << 40),
            (l4 >> 24) | (l5 << 2) | (l6 << 28) | (l7 << 54),
            (l7 >> 10) | (l8 << 16) | (l9 << 42));
    }

    public static FieldElement4 Select(Vector256<ulong> mask, in FieldElement4 ifSet, in FieldElement4 ifClear) => new()
    {
        L0 = Vector256.ConditionalSelect(mask, ifSet.L0, ifClear.L0),
        L1 = Vector256.ConditionalSelect(mask, ifSet.L1, ifClear.L1),
        L2 = Vector256.ConditionalSelect(mask, ifSet.L2, ifClear.L2),
        L3 = Vector256.ConditionalSelect(mask, ifSet.L3, ifClear.L3),
        L4 = Vector256.ConditionalSelect(mask, ifSet.L4, ifClear.L4),
        L5 = Vector256.ConditionalSelect(mask, ifSet.L5, ifClear.L5),
        L6 = Vector256.ConditionalSelect(mask, ifSet.L6, ifClear.L6),
        L7 = Vector256.ConditionalSelect(mask, ifSet.L7, ifClear.L7),
        L8 = Vector256.ConditionalSelect(mask, ifSet.L8, ifClear.L8),
        L9 = Vector256.ConditionalSelect(mask, ifSet.L9, ifClear.L9),
    };

    /// <summary>target |= source &amp; mask, limb by limb (masked table reads into a zeroed target).</summary>
    public static void OrMasked(ref FieldElement4 target, in FieldElement4 source, Vector256<ulong> mask)
    {
        target.L0 |= source.L0 & mask;
        target.L1 |= source.L1 & mask;
        target.L2 |= source.L2 & mask;
        target.L3 |= source.L3 & mask;
        target.L4 |= source.L4 & mask;
        target.L5 |= source.L5 & mask;
        target.L6 |= source.L6 & mask;
        target.L7 |= source.L7 & mask;
        target.L8 |= source.L8 & mask;
        target.L9 |= source.L9 & mask;
    }

    /// <summary>target |= broadcast(limbs) &amp; mask: a masked read of a shared table entry stored as ten 26-bit limbs.</summary>
    public static void OrMaskedBroadcast(ref FieldElement4 target, ReadOnlySpan<ulong> limbs, Vector256<ulong> mask)
    {
        target.L0 |= Vector256.Create(limbs[0]) & mask;
        target.L1 |= Vector256.Create(limbs[1]) & mask;
        target.L2 |= Vector256.Create(limbs[2]) & mask;
        target.L3 |= Vector256.Create(limbs[3]) & mask;
        target.L4 |= Vector256.Create(limbs[4]) & mask;
        target.L5 |= Vector256.Create(limbs[5]) & mask;
        target.L6 |= Vector256.Create(limbs[6]) & mask;
        target.L7 |= Vector256.Create(limbs[7]) & mask;
        target.L8 |= Vector256.Create(limbs[8]) & mask;
        target.L9 |= Vector256.Create(limbs[9]) & mask;
    }

    /// <summary>The ten strict 26-bit limbs of a scalar-field element (for tables shared by all lanes).</summary>
    public static void ToLimbs26(in FieldElement e, Span<ulong> limbs) => Split(e, limbs);

    public static FieldElement4 operator +(in FieldElement4 a, in FieldElement4 b) => Carry(
        a.L0 + b.L0, a.L1 + b.L1, a.L2 + b.L2, a.L3 + b.L3, a.L4 + b.L4,
        a.L5 + b.L5, a.L6 + b.L6, a.L7 + b.L7, a.L8 + b.L8, a.L9 + b.L9);

    /// <summary>a + 4p − b limb by limb: every limb of 4p (≥ 2^27.99, limb 9: 2^24 − 4) exceeds b's, so no lane wraps.</summary>
    public static FieldElement4 operator -(in FieldElement4 a, in FieldElement4 b) => Carry(
        a.L0 + Vector256.Create(4 * 0x3FFFC2FUL) - b.L0,
        a.L1 + Vector256.Create(4 * 0x3FFFFBFUL) - b.L1,
        a.L2 + Vector256.Create(4 * Mask26) - b.L2,
        a.L3 + Vector256.Create(4 * Mask26) - b.L3,
        a.L4 + Vector256.Create(4 * Mask26) - b.L4,
        a.L5 + Vector256.Create(4 * Mask26) - b.L5,
        a.L6 + Vector256.Create(4 * Mask26) - b.L6,
        a.L7 + Vector256.Create(4 * Mask26) - b.L7,
        a.L8 + Vector256.Create(4 * Mask26) - b.L8,
        a.L9 + Vector256.Create(4 * Mask22) - b.L9);

    public static FieldElement4 operator -(in FieldElement4 a) => Zero - a;

    /// <summary>a·k for a small constant k ≤ 64 (weak limbs times k stay below 2^33).</summary>
    public static FieldElement4 MultiplySmall(in FieldElement4 a, uint k)
    {
        var m = Vector256.Create((ulong)k);
        return Carry(Mul(a.L0, m), Mul(a.L1, m), Mul(a.L2, m), Mul(a.L3, m), Mul(a.L4, m),
            Mul(a.L5, m), Mul(a.L6, m), Mul(a.L7, m), Mul(a.L8, m), Mul(a.L9, m));
    }

    public static FieldElement4 operator *(in FieldElement4 a, in FieldElement4 b)
    {
        var t0 = Mul(a.L0, b.L0);
        var t1 = Mul(a.L0, b.L1) + Mul(a.L1, b.L0);
        var t2 = Mul(a.L0, b.L2) + Mul(a.L1, b.L1) + Mul(a.L2, b.L0);
        var t3 = Mul(a.L0, b.L3) + Mul(a.L1, b.L2) + Mul(a.L2, b.L1) + Mul(a.L3, b.L0);
        var t4 = Mul(a.L0, b.L4) + Mul(a.L1, b.L3) + Mul(a.L2, b.L2) + Mul(a.L3, b.L1) + Mul(a.L4, b.L0);
        var t5 = Mul(a.L0, b.L5) + Mul(a.L1, b.L4) + Mul(a.L2, b.L3) + Mul(a.L3, b.L2) + Mul(a.L4, b.L1) + Mul(a.L5, b.L0);
        var t6 = Mul(a.L0, b.L6) + Mul(a.L1, b.L5) + Mul(a.L2, b.L4) + Mul(a.L3, b.L3) + Mul(a.L4, b.L2) + Mul(a.L5, b.L1)
            + Mul(a.L6, b.L0);
        var t7 = Mul(a.L0, b.L7) + Mul(a.L1, b.L6) + Mul(a.L2, b.L5) + Mul(a.L3, b.L4) + Mul(a.L4, b.L3) + Mul(a.L5, b.L2)
            + Mul(a.L6, b.L1) + Mul(a.L7, b.L0);
        var t8 = Mul(a.L0, b.L8) + Mul(a.L1, b.L7) + Mul(a.L2, b.L6) + Mul(a.L3, b.L5) + Mul(a.L4, b.L4) + Mul(a.L5, b.L3)
            + Mul(a.L6, b.L2) + Mul(a.L7, b.L1) + Mul(a.L8, b.L0);
        var t9 = Mul(a.L0, b.L9) + Mul(a.L1, b.L8) + Mul(a.L2, b.L7) + Mul(a.L3, b.L6) + Mul(a.L4, b.L5) + Mul(a.L5, b.L4)
            + Mul(a.L6, b.L3) + Mul(a.L7, b.L2) + Mul(a.L8, b.L1) + Mul(a.L9, b.L0);
        var t10 = Mul(a.L1, b.L9) + Mul(a.L2, b.L8) + Mul(a.L3, b.L7) + Mul(a.L4, b.L6) + Mul(a.L5, b.L5) + Mul(a.L6, b.L4)
            + Mul(a.L7, b.L3) + Mul(a.L8, b.L2) + Mul(a.L9, b.L1);
        var t11 = Mul(a.L2, b.L9) + Mul(a.L3, b.L8) + Mul(a.L4, b.L7) + Mul(a.L5, b.L6) + Mul(a.L6, b.L5) + Mul(a.L7, b.L4)
            + Mul(a.L8, b.L3) + Mul(a.L9, b.L2);
        var t12 = Mul(a.L3, b.L9) + Mul(a.L4, b.L8) + Mul(a.L5, b.L7) + Mul(a.L6, b.L6) + Mul(a.L7, b.L5) + Mul(a.L8, b.L4)
            + Mul(a.L9, b.L3);
        var t13 = Mul(a.L4, b.L9) + Mul(a.L5, b.L8) + Mul(a.L6, b.L7) + Mul(a.L7, b.L6) + Mul(a.L8, b.L5) + Mul(a.L9, b.L4);
        var t14 = Mul(a.L5, b.L9) + Mul(a.L6, b.L8) + Mul(a.L7, b.L7) + Mul(a.L8, b.L6) + Mul(a.L9, b.L5);
        var t15 = Mul(a.L6, b.L9) + Mul(a.L7, b.L8) + Mul(a.L8, b.L7) + Mul(a.L9, b.L6);
        var t16 = Mul(a.L7, b.L9) + Mul(a.L8, b.L8) + Mul(a.L9, b.L7);
        var t17 = Mul(a.L8, b.L9) + Mul(a.L9, b.L8);
        var t18 = Mul(a.L9, b.L9);
        return Reduce(t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, t12, t13, t14, t15, t16, t17, t18);
    }

    /// <summary>a²: the 45 cross products once against doubled limbs, plus the ten squares (55 products).</summary>
    public readonly FieldElement4 Square()
    {
        var d0 = L0 + L0;
        var d1 = L1 + L1;
        var d2 = L2 + L2;
        var d3 = L3 + L3;
        var d4 = L4 + L4;
        var d5 = L5 + L5;
        var d6 = L6 + L6;
        var d7 = L7 + L7;
        var d8 = L8 + L8;
        var t0 = Mul(L0, L0);
        var t1 = Mul(d0, L1);
        var t2 = Mul(d0, L2) + Mul(L1, L1);
        var t3 = Mul(d0, L3) + Mul(d1, L2);
        var t4 = Mul(d0, L4) + Mul(d1, L3) + Mul(L2, L2);
        var t5 = Mul(d0, L5) + Mul(d1, L4) + Mul(d2, L3);
        var t6 = Mul(d0, L6) + Mul(d1, L5) + Mul(d2, L4) + Mul(L3, L3);
        var t7 = Mul(d0, L7) + Mul(d1, L6) + Mul(d2, L5) + Mul(d3, L4);
        var t8 = Mul(d0, L8) + Mul(d1, L7) + Mul(d2, L6) + Mul(d3, L5) + Mul(L4, L4);
        var t9 = Mul(d0, L9) + Mul(d1, L8) + Mul(d2, L7) + Mul(d3, L6) + Mul(d4, L5);
        var t10 = Mul(d1, L9) + Mul(d2, L8) + Mul(d3, L7) + Mul(d4, L6) + Mul(L5, L5);
        var t11 = Mul(d2, L9) + Mul(d3, L8) + Mul(d4, L7) + Mul(d5, L6);
        var t12 = Mul(d3, L9) + Mul(d4, L8) + Mul(d5, L7) + Mul(L6, L6);
        var t13 = Mul(d4, L9) + Mul(d5, L8) + Mul(d6, L7);
        var t14 = Mul(d5, L9) + Mul(d6, L8) + Mul(L7, L7);
        var t15 = Mul(d6, L9) + Mul(d7, L8);
        var t16 = Mul(d7, L9) + Mul(L8, L8);
        var t17 = Mul(d8, L9);
        var t18 = Mul(L9, L9);
        return Reduce(t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, t12, t13, t14, t15, t16, t17, t18);
    }

    static FieldElement4 IFieldOperations<FieldElement4>.Add(in FieldElement4 a, in FieldElement4 b) => a + b;

    static FieldElement4 IFieldOperations<FieldElement4>.Subtract(in FieldElement4 a, in FieldElement4 b) => a - b;

    static FieldElement4 IFieldOperations<FieldElement4>.Multiply(in FieldElement4 a, in FieldElement4 b) => a * b;

    static FieldElement4 IFieldOperations<FieldElement4>.Square(in FieldElement4 a) => a.Square();

    static FieldElement4 IFieldOperations<FieldElement4>.MultiplyByThreeB(in FieldElement4 a) => MultiplySmall(a, 21);

    /// <summary>
    /// Columns t0..t18 (each below 2^58) to a weak element: carry the high columns into 26-bit limbs, fold them down
    /// with 2^260 ≡ 2^10·2^26 + 15632, carry, then fold what lies above 2^256 with 2^256 ≡ 2^6·2^26 + 977.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FieldElement4 Reduce(
        Vector256<ulong> t0, Vector256<ulong> t1, Vector256<ulong> t2, Vector256<ulong> t3, Vector256<ulong> t4,
        Vector256<ulong> t5, Vector256<ulong> t6, Vector256<ulong> t7, Vector256<ulong> t8, Vector256<ulong> t9,
        Vector256<ulong> t10, Vector256<ulong> t11, Vector256<ulong> t12, Vector256<ulong> t13, Vector256<ulong> t14,
        Vector256<ulong> t15, Vector256<ulong> t16, Vector256<ulong> t17, Vector256<ulong> t18)
    {
        var m = Vector256.Create(Mask26);
        t11 += t10 >>> 26; t10 &= m;
        t12 += t11 >>> 26; t11 &= m;
        t13 += t12 >>> 26; t12 &= m;
        t14 += t13 >>> 26; t13 &= m;
        t15 += t14 >>> 26; t14 &= m;
        t16 += t15 >>> 26; t15 &= m;
        t17 += t16 >>> 26; t16 &= m;
        t18 += t17 >>> 26; t17 &= m;
        var t19 = t18 >>> 26; t18 &= m;

        // h_j (j = 0..9, h_9 = t19 < 2^33) at weight 2^(260 + 26j) ≡ h_j·15632·2^(26j) + h_j·2^10·2^(26(j+1)).
        var k = Vector256.Create(15632UL);
        t0 += Mul(t10, k);
        t1 += Mul(t11, k) + (t10 << 10);
        t2 += Mul(t12, k) + (t11 << 10);
        t3 += Mul(t13, k) + (t12 << 10);
        t4 += Mul(t14, k) + (t13 << 10);
        t5 += Mul(t15, k) + (t14 << 10);
        t6 += Mul(t16, k) + (t15 << 10);
        t7 += Mul(t17, k) + (t16 << 10);
        t8 += Mul(t18, k) + (t17 << 10);
        // t19 comes from column 18 = limb 9² (below 2^46) plus a carry: below 2^21, inside VPMULUDQ's 32 bits.
        t9 += Mul(t19, k) + (t18 << 10);
        var t10b = t19 << 10;

        t1 += t0 >>> 26; t0 &= m;
        t2 += t1 >>> 26; t1 &= m;
        t3 += t2 >>> 26; t2 &= m;
        t4 += t3 >>> 26; t3 &= m;
        t5 += t4 >>> 26; t4 &= m;
        t6 += t5 >>> 26; t5 &= m;
        t7 += t6 >>> 26; t6 &= m;
        t8 += t7 >>> 26; t7 &= m;
        t9 += t8 >>> 26; t8 &= m;
        // Everything from bit 256 up: limb 9's bits above 22, plus limb 10 (weight 2^260 = 2^4 above 2^256).
        var top = (t9 >>> 22) + (t10b << 4);
        t9 &= Vector256.Create(Mask22);
        return Fold(top, t0, t1, t2, t3, t4, t5, t6, t7, t8, t9);
    }

    /// <summary>Carry pass over limbs that may each reach 2^62, then the fold of bits from 2^256 up.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FieldElement4 Carry(
        Vector256<ulong> t0, Vector256<ulong> t1, Vector256<ulong> t2, Vector256<ulong> t3, Vector256<ulong> t4,
        Vector256<ulong> t5, Vector256<ulong> t6, Vector256<ulong> t7, Vector256<ulong> t8, Vector256<ulong> t9)
    {
        var m = Vector256.Create(Mask26);
        t1 += t0 >>> 26; t0 &= m;
        t2 += t1 >>> 26; t1 &= m;
        t3 += t2 >>> 26; t2 &= m;
        t4 += t3 >>> 26; t3 &= m;
        t5 += t4 >>> 26; t4 &= m;
        t6 += t5 >>> 26; t5 &= m;
        t7 += t6 >>> 26; t6 &= m;
        t8 += t7 >>> 26; t7 &= m;
        t9 += t8 >>> 26; t8 &= m;
        var top = t9 >>> 22;
        t9 &= Vector256.Create(Mask22);
        return Fold(top, t0, t1, t2, t3, t4, t5, t6, t7, t8, t9);
    }

    /// <summary>
    /// Adds top·(2^32 + 977) (top below 2^48) into strict limbs 0..9 (limb 9 below 2^22) and carries three limbs up:
    /// limb 0 grows by less than 2^58 and limb 1 by less than 2^54, so their carries leave limb 2 below 2^26 + 2^28 and
    /// limb 3 at most 2^26 + 3; limbs 4..9 are untouched. Result: every limb below 2^27, limb 9 below 2^22.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FieldElement4 Fold(
        Vector256<ulong> top, Vector256<ulong> t0, Vector256<ulong> t1, Vector256<ulong> t2, Vector256<ulong> t3,
        Vector256<ulong> t4, Vector256<ulong> t5, Vector256<ulong> t6, Vector256<ulong> t7, Vector256<ulong> t8, Vector256<ulong> t9)
    {
        var m = Vector256.Create(Mask26);
        t0 += Mul(top & m, Vector256.Create(977UL)) + (Mul(top >>> 26, Vector256.Create(977UL)) << 26);
        t1 += top << 6;
        t1 += t0 >>> 26; t0 &= m;
        t2 += t1 >>> 26; t1 &= m;
        t3 += t2 >>> 26; t2 &= m;
        return new FieldElement4 { L0 = t0, L1 = t1, L2 = t2, L3 = t3, L4 = t4, L5 = t5, L6 = t6, L7 = t7, L8 = t8, L9 = t9 };
    }

    /// <summary>
    /// Limbs 0..8 below 2^26 and limb 9 below 2^22, value below 2^256: two carry-and-fold passes (after the second,
    /// anything folded was at most 2^256 + 2^80, so the value is now below 2^256) and a plain carry chain.
    /// </summary>
    private static FieldElement4 Strict(in FieldElement4 a)
    {
        var s = Carry(a.L0, a.L1, a.L2, a.L3, a.L4, a.L5, a.L6, a.L7, a.L8, a.L9);
        s = Carry(s.L0, s.L1, s.L2, s.L3, s.L4, s.L5, s.L6, s.L7, s.L8, s.L9);
        var m = Vector256.Create(Mask26);
        s.L1 += s.L0 >>> 26; s.L0 &= m;
        s.L2 += s.L1 >>> 26; s.L1 &= m;
        s.L3 += s.L2 >>> 26; s.L2 &= m;
        s.L4 += s.L3 >>> 26; s.L3 &= m;
        s.L5 += s.L4 >>> 26; s.L4 &= m;
        s.L6 += s.L5 >>> 26; s.L5 &= m;
        s.L7 += s.L6 >>> 26; s.L6 &= m;
        s.L8 += s.L7 >>> 26; s.L7 &= m;
        s.L9 += s.L8 >>> 26; s.L8 &= m;
        return s;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Mul(Vector256<ulong> a, Vector256<ulong> b) => Avx2.Multiply(a.AsUInt32(), b.AsUInt32());

    private static void Split(in FieldElement e, Span<ulong> limbs)
    {
        var n = e.Normalize();
        limbs[0] = n.L0 & Mask26;
        limbs[1] = (n.L0 >> 26) & Mask26;
        limbs[2] = ((n.L0 >> 52) | (n.L1 << 12)) & Mask26;
        limbs[3] = (n.L1 >> 14) & Mask26;
        limbs[4] = ((n.L1 >> 40) | (n.L2 << 24)) & Mask26;
        limbs[5] = (n.L2 >> 2) & Mask26;
        limbs[6] = (n.L2 >> 28) & Mask26;
        limbs[7] = ((n.L2 >> 54) | (n.L3 << 10)) & Mask26;
        limbs[8] = (n.L3 >> 16) & Mask26;
        limbs[9] = n.L3 >> 42;
    }
}
