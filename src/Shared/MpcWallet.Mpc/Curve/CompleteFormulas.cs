using System.Runtime.CompilerServices;

namespace MpcWallet.Mpc.Curve;

/// <summary>
/// The complete formulas of Renes, Costello and Batina ("Complete addition formulas for prime order elliptic curves",
/// Eurocrypt 2016, Algorithms 7–9 for a = 0) in homogeneous projective coordinates, over any field implementation: one
/// formula for every input pair, identity and P = ±Q included, so the constant-time multipliers need no special cases
/// and the variable-time ones no case analysis. Costs: addition 12M, mixed addition 11M, doubling 6M + 2S (plus
/// multiplications by 3b = 21).
/// </summary>
internal static class CompleteFormulas
{
    /// <summary>(X3 : Y3 : Z3) = (X1 : Y1 : Z1) + (X2 : Y2 : Z2) for any inputs (Algorithm 7).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add<T>(in T x1, in T y1, in T z1, in T x2, in T y2, in T z2, out T x3, out T y3, out T z3)
        where T : struct, IFieldOperations<T>
    {
        var t0 = T.Multiply(x1, x2);
        var t1 = T.Multiply(y1, y2);
        var t2 = T.Multiply(z1, z2);
        var t3 = T.Multiply(T.Add(x1, y1), T.Add(x2, y2));
        var t4 = T.Add(t0, t1);
        t3 = T.Subtract(t3, t4);
        t4 = T.Multiply(T.Add(y1, z1), T.Add(y2, z2));
        var x = T.Add(t1, t2);
        t4 = T.Subtract(t4, x);
        x = T.Multiply(T.Add(x1, z1), T.Add(x2, z2));
        var y = T.Add(t0, t2);
        y = T.Subtract(x, y);
        x = T.Add(t0, t0);
        t0 = T.Add(x, t0);
        t2 = T.MultiplyByThreeB(t2);
        var z = T.Add(t1, t2);
        t1 = T.Subtract(t1, t2);
        y = T.MultiplyByThreeB(y);
        x = T.Multiply(t4, y);
        t2 = T.Multiply(t3, t1);
        x3 = T.Subtract(t2, x);
        y = T.Multiply(y, t0);
        t1 = T.Multiply(t1, z);
        y3 = T.Add(t1, y);
        t0 = T.Multiply(t0, t3);
        z = T.Multiply(z, t4);
        z3 = T.Add(z, t0);
    }

    /// <summary>(X3 : Y3 : Z3) = (X1 : Y1 : Z1) + (x2, y2) for any P and an affine, non-identity Q (Algorithm 8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddAffine<T>(in T x1, in T y1, in T z1, in T x2, in T y2, out T x3, out T y3, out T z3)
        where T : struct, IFieldOperations<T>
    {
        var t0 = T.Multiply(x1, x2);
        var t1 = T.Multiply(y1, y2);
        var t3 = T.Multiply(T.Add(x2, y2), T.Add(x1, y1));
        var t4 = T.Add(t0, t1);
        t3 = T.Subtract(t3, t4);
        t4 = T.Add(T.Multiply(y2, z1), y1);
        var y = T.Add(T.Multiply(x2, z1), x1);
        var x = T.Add(t0, t0);
        t0 = T.Add(x, t0);
        var t2 = T.MultiplyByThreeB(z1);
        var z = T.Add(t1, t2);
        t1 = T.Subtract(t1, t2);
        y = T.MultiplyByThreeB(y);
        x = T.Multiply(t4, y);
        t2 = T.Multiply(t3, t1);
        x3 = T.Subtract(t2, x);
        y = T.Multiply(y, t0);
        t1 = T.Multiply(t1, z);
        y3 = T.Add(t1, y);
        t0 = T.Multiply(t0, t3);
        z = T.Multiply(z, t4);
        z3 = T.Add(z, t0);
    }

    /// <summary>(X3 : Y3 : Z3) = 2·(X : Y : Z) for any input (Algorithm 9).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Double<T>(in T x, in T y, in T z, out T x3, out T y3, out T z3)
        where T : struct, IFieldOperations<T>
    {
        var t0 = T.Square(y);
        var zz = T.Add(t0, t0);
        zz = T.Add(zz, zz);
        zz = T.Add(zz, zz);
        var t1 = T.Multiply(y, z);
        var t2 = T.MultiplyByThreeB(T.Square(z));
        var xx = T.Multiply(t2, zz);
        var yy = T.Add(t0, t2);
        z3 = T.Multiply(t1, zz);
        t1 = T.Add(t2, t2);
        t2 = T.Add(t1, t2);
        t0 = T.Subtract(t0, t2);
        yy = T.Multiply(t0, yy);
        y3 = T.Add(xx, yy);
        t1 = T.Multiply(x, y);
        xx = T.Multiply(t0, t1);
        x3 = T.Add(xx, xx);
    }
}
