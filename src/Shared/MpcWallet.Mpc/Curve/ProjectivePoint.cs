namespace MpcWallet.Mpc.Curve;

/// <summary>
/// A secp256k1 point in homogeneous projective coordinates (X : Y : Z), (x, y) = (X/Z, Y/Z), identity (0 : 1 : 0).
/// Addition and doubling are the complete formulas (<see cref="CompleteFormulas"/>).
/// </summary>
internal readonly struct ProjectivePoint
{
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

    /// <summary>P + Q for any P, Q.</summary>
    public static ProjectivePoint Add(in ProjectivePoint p, in ProjectivePoint q)
    {
        CompleteFormulas.Add(p.X, p.Y, p.Z, q.X, q.Y, q.Z, out var x, out var y, out var z);
        return new ProjectivePoint(x, y, z);
    }

    /// <summary>P + Q for any P and an affine (hence non-identity) Q.</summary>
    public static ProjectivePoint Add(in ProjectivePoint p, in AffinePoint q)
    {
        CompleteFormulas.AddAffine(p.X, p.Y, p.Z, q.X, q.Y, out var x, out var y, out var z);
        return new ProjectivePoint(x, y, z);
    }

    /// <summary>2P for any P.</summary>
    public static ProjectivePoint Double(in ProjectivePoint p)
    {
        CompleteFormulas.Double(p.X, p.Y, p.Z, out var x, out var y, out var z);
        return new ProjectivePoint(x, y, z);
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
