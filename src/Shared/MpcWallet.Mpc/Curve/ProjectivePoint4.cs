using System.Runtime.Intrinsics;

namespace MpcWallet.Mpc.Curve;

/// <summary>
/// Four independent projective points in the lanes of <see cref="FieldElement4"/> coordinates, for the batched
/// constant-time multipliers; the formulas are the same complete ones as <see cref="ProjectivePoint"/>'s.
/// </summary>
internal struct ProjectivePoint4
{
    public FieldElement4 X;
    public FieldElement4 Y;
    public FieldElement4 Z;

    public static ProjectivePoint4 FromLanes(ReadOnlySpan<ProjectivePoint> points) => new()
    {
        X = FieldElement4.FromLanes(points[0].X, points[1].X, points[2].X, points[3].X),
        Y = FieldElement4.FromLanes(points[0].Y, points[1].Y, points[2].Y, points[3].Y),
        Z = FieldElement4.FromLanes(points[0].Z, points[1].Z, points[2].Z, points[3].Z),
    };

    public readonly void ToLanes(Span<ProjectivePoint> points)
    {
        Span<FieldElement> x = stackalloc FieldElement[4];
        Span<FieldElement> y = stackalloc FieldElement[4];
        Span<FieldElement> z = stackalloc FieldElement[4];
        X.ToLanes(x);
        Y.ToLanes(y);
        Z.ToLanes(z);
        for (var lane = 0; lane < 4; lane++)
        {
            points[lane] = new ProjectivePoint(x[lane], y[lane], z[lane]);
        }

        x.Clear();
        y.Clear();
        z.Clear();
    }

    public static ProjectivePoint4 Add(in ProjectivePoint4 p, in ProjectivePoint4 q)
    {
        CompleteFormulas.Add(p.X, p.Y, p.Z, q.X, q.Y, q.Z, out var x, out var y, out var z);
        return new ProjectivePoint4 { X = x, Y = y, Z = z };
    }

    /// <summary>P + (x, y) in every lane, (x, y) affine (never the identity).</summary>
    public static ProjectivePoint4 AddAffine(in ProjectivePoint4 p, in FieldElement4 x2, in FieldElement4 y2)
    {
        CompleteFormulas.AddAffine(p.X, p.Y, p.Z, x2, y2, out var x, out var y, out var z);
        return new ProjectivePoint4 { X = x, Y = y, Z = z };
    }

    public static ProjectivePoint4 Identity => new() { X = FieldElement4.Zero, Y = One, Z = FieldElement4.Zero };

    public static ProjectivePoint4 Double(in ProjectivePoint4 p)
    {
        CompleteFormulas.Double(p.X, p.Y, p.Z, out var x, out var y, out var z);
        return new ProjectivePoint4 { X = x, Y = y, Z = z };
    }

    public readonly ProjectivePoint4 Negate() => new() { X = X, Y = -Y, Z = Z };

    /// <summary>Negates the lanes whose mask is all ones.</summary>
    public readonly ProjectivePoint4 ConditionalNegate(Vector256<ulong> mask) =>
        new() { X = X, Y = FieldElement4.Select(mask, -Y, Y), Z = Z };

    public static ProjectivePoint4 Select(Vector256<ulong> mask, in ProjectivePoint4 ifSet, in ProjectivePoint4 ifClear) => new()
    {
        X = FieldElement4.Select(mask, ifSet.X, ifClear.X),
        Y = FieldElement4.Select(mask, ifSet.Y, ifClear.Y),
        Z = FieldElement4.Select(mask, ifSet.Z, ifClear.Z),
    };

    /// <summary>φ in every lane: (β·X : Y : Z).</summary>
    public readonly ProjectivePoint4 Endomorphism() => new() { X = X * Beta, Y = Y, Z = Z };

    private static readonly FieldElement4 Beta = FieldElement4.Broadcast(Secp256k1.Beta);

    private static readonly FieldElement4 One = FieldElement4.Broadcast(FieldElement.One);
}
