namespace MpcWallet.Mpc.Curve;

/// <summary>
/// A secp256k1 point in homogeneous projective coordinates (X : Y : Z), (x, y) = (X/Z, Y/Z), identity (0 : 1 : 0).
/// Addition and doubling are the complete formulas of Renes, Costello and Batina ("Complete addition formulas for
/// prime order elliptic curves", Eurocrypt 2016, Algorithms 7–9 for a = 0): one formula for every input pair,
/// identity and P = ±Q included, so the constant-time multipliers need no special cases and the variable-time ones no
/// case analysis. Costs: addition 12M, mixed addition 11M, doubling 6M + 2S (plus multiplications by 3b = 21).
/// </summary>
internal readonly struct ProjectivePoint
{
    private const uint ThreeB = 21;

    public readonly FieldElement X;
    public readonly FieldElement Y;
    public readonly FieldElement Z;

    public ProjectivePoint(FieldElement x, FieldElement y, FieldElement z)
    {
        X = x;
        Y = y;
        Z = z;
    }

    public static ProjectivePoint Identity => new(FieldElement.Zero, FieldElement.One, FieldElement.Zero);

    public static ProjectivePoint FromAffine(in AffinePoint p) => new(p.X, p.Y, FieldElement.One);

    /// <summary>All ones for the identity (Z = 0).</summary>
    public ulong IsIdentityMask() => Z.IsZeroMask();

    public ProjectivePoint Negate() => new(X, -Y, Z);

    public ProjectivePoint ConditionalNegate(ulong mask) => new(X, FieldElement.Select(mask, -Y, Y), Z);

    public static ProjectivePoint Select(ulong mask, in ProjectivePoint ifSet, in ProjectivePoint ifClear) => new(
        FieldElement.Select(mask, ifSet.X, ifClear.X),
        FieldElement.Select(mask, ifSet.Y, ifClear.Y),
        FieldElement.Select(mask, ifSet.Z, ifClear.Z));

    /// <summary>φ(P) = (β·x, y) = λ·P, the GLV endomorphism: one field multiplication.</summary>
    public ProjectivePoint Endomorphism() => new(X * Secp256k1.Beta, Y, Z);

    /// <summary>All ones when both points are equal (cross-multiplied, no inversion).</summary>
    public static ulong EqualMask(in ProjectivePoint p, in ProjectivePoint q)
    {
        // (X1/Z1 = X2/Z2 and Y1/Z1 = Y2/Z2) ⇔ X1·Z2 = X2·Z1 and Y1·Z2 = Y2·Z1; identities (Z = 0, X = 0, Y ≠ 0) compare
        // equal to each other and to nothing else.
        return FieldElement.EqualMask(p.X * q.Z, q.X * p.Z) & FieldElement.EqualMask(p.Y * q.Z, q.Y * p.Z);
    }

    /// <summary>P + Q for any P, Q (RCB Algorithm 7).</summary>
    public static ProjectivePoint Add(in ProjectivePoint p, in ProjectivePoint q)
    {
        var t0 = p.X * q.X;
        var t1 = p.Y * q.Y;
        var t2 = p.Z * q.Z;
        var t3 = (p.X + p.Y) * (q.X + q.Y);
        var t4 = t0 + t1;
        t3 -= t4;
        t4 = (p.Y + p.Z) * (q.Y + q.Z);
        var x3 = t1 + t2;
        t4 -= x3;
        x3 = (p.X + p.Z) * (q.X + q.Z);
        var y3 = t0 + t2;
        y3 = x3 - y3;
        x3 = t0 + t0;
        t0 = x3 + t0;
        t2 = FieldElement.MultiplySmall(t2, ThreeB);
        var z3 = t1 + t2;
        t1 -= t2;
        y3 = FieldElement.MultiplySmall(y3, ThreeB);
        x3 = t4 * y3;
        t2 = t3 * t1;
        x3 = t2 - x3;
        y3 *= t0;
        t1 *= z3;
        y3 = t1 + y3;
        t0 *= t3;
        z3 *= t4;
        z3 += t0;
        return new ProjectivePoint(x3, y3, z3);
    }

    /// <summary>P + Q for any P and an affine (hence non-identity) Q (RCB Algorithm 8).</summary>
    public static ProjectivePoint Add(in ProjectivePoint p, in AffinePoint q)
    {
        var t0 = p.X * q.X;
        var t1 = p.Y * q.Y;
        var t3 = (q.X + q.Y) * (p.X + p.Y);
        var t4 = t0 + t1;
        t3 -= t4;
        t4 = (q.Y * p.Z) + p.Y;
        var y3 = (q.X * p.Z) + p.X;
        var x3 = t0 + t0;
        t0 = x3 + t0;
        var t2 = FieldElement.MultiplySmall(p.Z, ThreeB);
        var z3 = t1 + t2;
        t1 -= t2;
        y3 = FieldElement.MultiplySmall(y3, ThreeB);
        x3 = t4 * y3;
        t2 = t3 * t1;
        x3 = t2 - x3;
        y3 *= t0;
        t1 *= z3;
        y3 = t1 + y3;
        t0 *= t3;
        z3 *= t4;
        z3 += t0;
        return new ProjectivePoint(x3, y3, z3);
    }

    /// <summary>2P for any P (RCB Algorithm 9).</summary>
    public static ProjectivePoint Double(in ProjectivePoint p)
    {
        var t0 = p.Y.Square();
        var z3 = t0 + t0;
        z3 += z3;
        z3 += z3;
        var t1 = p.Y * p.Z;
        var t2 = FieldElement.MultiplySmall(p.Z.Square(), ThreeB);
        var x3 = t2 * z3;
        var y3 = t0 + t2;
        z3 = t1 * z3;
        t1 = t2 + t2;
        t2 = t1 + t2;
        t0 -= t2;
        y3 = t0 * y3;
        y3 = x3 + y3;
        t1 = p.X * p.Y;
        x3 = t0 * t1;
        x3 += x3;
        return new ProjectivePoint(x3, y3, z3);
    }

    /// <summary>The affine form; the identity maps to (0, 0) with the returned mask all ones. Costs one inversion.</summary>
    public AffinePoint ToAffine(out ulong identityMask)
    {
        identityMask = IsIdentityMask();
        var inverse = Z.Invert();
        return new AffinePoint((X * inverse).Normalize(), (Y * inverse).Normalize());
    }

    /// <summary>
    /// Normalises many points with one field inversion (Montgomery's trick, branch-free); identities come out as
    /// (0, 0) with their mask set.
    /// </summary>
    public static void ToAffine(ReadOnlySpan<ProjectivePoint> points, Span<AffinePoint> affine, Span<ulong> identityMasks)
    {
        var count = points.Length;
        var z = count <= 64 ? stackalloc FieldElement[count] : new FieldElement[count];
        var scratch = count <= 64 ? stackalloc FieldElement[count] : new FieldElement[count];
        for (var i = 0; i < count; i++)
        {
            z[i] = points[i].Z;
        }

        FieldElement.InvertAll(z, scratch);
        for (var i = 0; i < count; i++)
        {
            identityMasks[i] = points[i].IsIdentityMask();
            affine[i] = new AffinePoint((points[i].X * z[i]).Normalize(), (points[i].Y * z[i]).Normalize());
        }

        z.Clear();
        scratch.Clear();
    }
}
