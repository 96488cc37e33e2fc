using System.Runtime.CompilerServices;

namespace MpcWallet.Mpc.Curve;

/// <summary>
/// 64-bit limb primitives shared by the scalar and field arithmetic. Carries and borrows are computed with comparisons
/// the JIT turns into flag reads (setb/adc-free), never branches, so the limb code stays constant time.
/// </summary>
internal static class Limb
{
    /// <summary>a + b + carry, with the carry (0 or 1) updated.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong AddCarry(ulong a, ulong b, ref ulong carry)
    {
        var sum = a + b;
        var c1 = sum < a ? 1UL : 0UL;
        var result = sum + carry;
        var c2 = result < sum ? 1UL : 0UL;
        carry = c1 | c2;
        return result;
    }

    /// <summary>a − b − borrow, with the borrow (0 or 1) updated.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong SubBorrow(ulong a, ulong b, ref ulong borrow)
    {
        var diff = a - b - borrow;
        borrow = ((~a & b) | (~(a ^ b) & diff)) >> 63;
        return diff;
    }

    /// <summary>a·b + c + carry, returning the low word and leaving the high word in carry (never overflows).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MulAdd(ulong a, ulong b, ulong c, ref ulong carry)
    {
        var high = Math.BigMul(a, b, out var low);
        low += c;
        high += low < c ? 1UL : 0UL;
        low += carry;
        high += low < carry ? 1UL : 0UL;
        carry = high;
        return low;
    }

    /// <summary>All ones when <paramref name="bit"/> is 1, zero when it is 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mask(ulong bit) => 0UL - bit;

    /// <summary>All ones when a == b, without a branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong EqualMask(ulong a, ulong b)
    {
        var x = a ^ b;
        // (x | −x) has its top bit set exactly when x ≠ 0.
        return ((x | (0UL - x)) >> 63) - 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Select(ulong mask, ulong ifSet, ulong ifClear) => (ifSet & mask) | (ifClear & ~mask);
}
