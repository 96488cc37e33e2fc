namespace MpcWallet.Mpc.Curve;

/// <summary>A curve point (x, y) other than the identity, coordinates canonical; the form tables and decoding use.</summary>
internal readonly struct AffinePoint
{
    public readonly FieldElement X;
    public readonly FieldElement Y;

    public AffinePoint(FieldElement x, FieldElement y)
    {
        X = x;
        Y = y;
    }

    public AffinePoint Negate() => new(X, -Y);

    public AffinePoint Normalized() => new(X.Normalize(), Y.Normalize());

    /// <summary>−P when the mask is all ones, P when it is zero, without a branch.</summary>
    public AffinePoint ConditionalNegate(ulong mask) => new(X, FieldElement.Select(mask, -Y, Y));

    public static AffinePoint Select(ulong mask, in AffinePoint ifSet, in AffinePoint ifClear) =>
        new(FieldElement.Select(mask, ifSet.X, ifClear.X), FieldElement.Select(mask, ifSet.Y, ifClear.Y));

    /// <summary>y² = x³ + 7 (public data only).</summary>
    public bool IsOnCurve() =>
        FieldElement.EqualMask(Y.Square(), (X.Square() * X) + Secp256k1.B) != 0;
}
