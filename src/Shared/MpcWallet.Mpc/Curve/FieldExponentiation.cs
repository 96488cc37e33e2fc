namespace MpcWallet.Mpc.Curve;

/// <summary>
/// The two fixed exponentiations of F_p, for the scalar and the four-lane field alike: inversion a^(p−2) and the
/// square-root candidate a^((p+1)/4) (p ≡ 3 mod 4). Both are addition chains over the shared prefix a^(2^223 − 1):
/// p − 2 = [223 ones] 0 [22 ones] 0000 1 0 11 0 1 (255 squarings, 15 multiplications),
/// (p + 1)/4 = [223 ones] 0 [22 ones] 00001100 (253 squarings, 13 multiplications). The sequence of operations never
/// depends on a.
/// </summary>
internal static class FieldExponentiation
{
    public static T Invert<T>(in T a)
        where T : struct, IFieldOperations<T>
    {
        var (x2, _, x22, x223) = OnesChain(a);
        var t = T.Multiply(SquareTimes(x223, 23), x22);
        t = T.Multiply(SquareTimes(t, 5), a);
        t = T.Multiply(SquareTimes(t, 3), x2);
        return T.Multiply(SquareTimes(t, 2), a);
    }

    /// <summary>a^((p+1)/4): a square root of a whenever one exists (the caller checks by squaring).</summary>
    public static T SqrtCandidate<T>(in T a)
        where T : struct, IFieldOperations<T>
    {
        var (x2, _, x22, x223) = OnesChain(a);
        var t = T.Multiply(SquareTimes(x223, 23), x22);
        t = T.Multiply(SquareTimes(t, 6), x2);
        return SquareTimes(t, 2);
    }

    public static T SquareTimes<T>(T a, int n)
        where T : struct, IFieldOperations<T>
    {
        for (var i = 0; i < n; i++)
        {
            a = T.Square(a);
        }

        return a;
    }

    /// <summary>a^(2^k − 1) for k = 2, 3, 22, 223.</summary>
    private static (T X2, T X3, T X22, T X223) OnesChain<T>(in T a)
        where T : struct, IFieldOperations<T>
    {
        var x2 = T.Multiply(T.Square(a), a);
        var x3 = T.Multiply(T.Square(x2), a);
        var x6 = T.Multiply(SquareTimes(x3, 3), x3);
        var x9 = T.Multiply(SquareTimes(x6, 3), x3);
        var x11 = T.Multiply(SquareTimes(x9, 2), x2);
        var x22 = T.Multiply(SquareTimes(x11, 11), x11);
        var x44 = T.Multiply(SquareTimes(x22, 22), x22);
        var x88 = T.Multiply(SquareTimes(x44, 44), x44);
        var x176 = T.Multiply(SquareTimes(x88, 88), x88);
        var x220 = T.Multiply(SquareTimes(x176, 44), x44);
        var x223 = T.Multiply(SquareTimes(x220, 3), x3);
        return (x2, x3, x22, x223);
    }
}
