namespace MpcWallet.Mpc.Curve;

/// <summary>
/// A secp256k1 group element, stored affine with canonical coordinates. Decoding is strict (33-byte compressed, on the
/// curve, never the identity); the identity can arise from arithmetic and is reported by <see cref="IsIdentity"/>, but
/// cannot be encoded.
/// <para>Which multiplier runs is part of the contract: <see cref="MultiplyGenerator"/> and <see cref="Multiply"/> are
/// constant time and take secret scalars; <see cref="MultiplyPublic"/>, <see cref="SumOfTwoMultiplies"/> and
/// <see cref="LinearCombination"/> are variable time and take public scalars and points only. Normalising to affine
/// form uses a constant-time inversion, so results that are secret points may be built and encoded too.</para>
/// </summary>
public sealed class Point : IEquatable<Point>
{
    public const int EncodedLength = 33;

    private readonly AffinePoint _affine;
    private readonly bool _isIdentity;
    private byte[]? _encoded;

    private Point(AffinePoint affine, bool isIdentity)
    {
        _affine = affine;
        _isIdentity = isIdentity;
    }

    public static Point Generator { get; } = new(Secp256k1.G, false);

    public static Point Identity { get; } = new(default, true);

    public bool IsIdentity => _isIdentity;

    internal AffinePoint Affine
    {
        get
        {
            EnsureNotIdentity();
            return _affine;
        }
    }

    internal ProjectivePoint Projective => _isIdentity ? ProjectivePoint.Identity : ProjectivePoint.FromAffine(_affine);

    /// <summary>k·G for a secret k: constant time (<see cref="GeneratorTable"/>).</summary>
    public static Point MultiplyGenerator(Scalar k) => FromProjective(GeneratorTable.Multiply(k));

    /// <summary>k·P for a secret k: constant time (<see cref="SecretScalarMultiplier"/>).</summary>
    public Point Multiply(Scalar k) => FromProjective(SecretScalarMultiplier.Multiply(Projective, k));

    /// <summary>k·P for a public k and public P: variable time.</summary>
    public Point MultiplyPublic(Scalar k) => FromProjective(PublicScalarMultiplier.LinearCombination([Projective], [k]));

    /// <summary>a·P + b·Q with a shared doubling chain (public scalars only: variable time).</summary>
    public static Point SumOfTwoMultiplies(Point p, Scalar a, Point q, Scalar b)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        return FromProjective(PublicScalarMultiplier.LinearCombination([p.Projective, q.Projective], [a, b]));
    }

    /// <summary>Σ k_j·P_j with one shared doubling chain (public scalars and points only: variable time).</summary>
    public static Point LinearCombination(IReadOnlyList<Point> points, IReadOnlyList<Scalar> scalars)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(scalars);
        if (points.Count != scalars.Count)
        {
            throw new ArgumentException("need one scalar per point");
        }

        var projective = new ProjectivePoint[points.Count];
        var values = new Scalar[points.Count];
        for (var j = 0; j < points.Count; j++)
        {
            projective[j] = points[j].Projective;
            values[j] = scalars[j];
        }

        return FromProjective(PublicScalarMultiplier.LinearCombination(projective, values));
    }

    public Point Add(Point other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return FromProjective(ProjectivePoint.Add(Projective, other.Projective));
    }

    public Point Subtract(Point other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return FromProjective(ProjectivePoint.Add(Projective, other.Projective.Negate()));
    }

    public Point Negate() => _isIdentity ? this : new Point(_affine.Negate().Normalized(), false);

    public static Point operator +(Point a, Point b) => a.Add(b);

    public static Point operator -(Point a, Point b) => a.Subtract(b);

    /// <summary>Sums many points with one final normalisation.</summary>
    public static Point Sum(IEnumerable<Point> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var acc = ProjectivePoint.Identity;
        foreach (var point in points)
        {
            acc = ProjectivePoint.Add(acc, point.Projective);
        }

        return FromProjective(acc);
    }

    /// <summary>Affine x-coordinate as 32 big-endian bytes.</summary>
    public byte[] AffineX()
    {
        var x = new byte[FieldElement.EncodedLength];
        Affine.X.WriteTo(x);
        return x;
    }

    public bool AffineYIsOdd => Affine.Y.IsOdd() == 1;

    /// <summary>33-byte SEC1 compressed encoding.</summary>
    public byte[] Encode() => (byte[])Encoded().Clone();

    public void WriteTo(Span<byte> destination) => Encoded().CopyTo(destination);

    /// <summary>65-byte uncompressed encoding (0x04 ‖ x ‖ y), for Ethereum addresses.</summary>
    public byte[] EncodeUncompressed()
    {
        var affine = Affine;
        var encoded = new byte[65];
        encoded[0] = 0x04;
        affine.X.WriteTo(encoded.AsSpan(1, 32));
        affine.Y.WriteTo(encoded.AsSpan(33, 32));
        return encoded;
    }

    public static bool TryDecode(ReadOnlySpan<byte> encoded, out Point point)
    {
        point = Identity;
        // One canonical form for transcripts: no 0x00 identity, no 65-byte forms, x below p.
        if (encoded.Length != EncodedLength || (encoded[0] != 0x02 && encoded[0] != 0x03)
            || !FieldElement.TryFromCanonical(encoded[1..], out var x))
        {
            return false;
        }

        if (!((x.Square() * x) + Secp256k1.B).TrySqrt(out var y))
        {
            // x³ + 7 is not a square: no point has this x.
            return false;
        }

        var wantOdd = (ulong)(encoded[0] & 1);
        y = FieldElement.Select(Limb.EqualMask(y.IsOdd(), wantOdd), y, -y).Normalize();
        point = new Point(new AffinePoint(x, y), false);
        return true;
    }

    /// <summary>
    /// Strictly decodes consecutive 33-byte encodings into <paramref name="points"/>, taking the square roots in
    /// batches (<see cref="FieldElement.TrySqrtBatch"/>); false if any encoding is invalid.
    /// </summary>
    public static bool TryDecodeBatch(ReadOnlySpan<byte> encoded, Span<Point> points)
    {
        if (encoded.Length != points.Length * EncodedLength)
        {
            return false;
        }

        var xs = new FieldElement[points.Length];
        var rhs = new FieldElement[points.Length];
        for (var i = 0; i < points.Length; i++)
        {
            var one = encoded.Slice(i * EncodedLength, EncodedLength);
            if ((one[0] != 0x02 && one[0] != 0x03) || !FieldElement.TryFromCanonical(one[1..], out xs[i]))
            {
                return false;
            }

            rhs[i] = (xs[i].Square() * xs[i]) + Secp256k1.B;
        }

        var roots = new FieldElement[points.Length];
        var exists = new bool[points.Length];
        FieldElement.TrySqrtBatch(rhs, roots, exists);
        for (var i = 0; i < points.Length; i++)
        {
            if (!exists[i])
            {
                return false;
            }

            var wantOdd = (ulong)(encoded[i * EncodedLength] & 1);
            var y = FieldElement.Select(Limb.EqualMask(roots[i].IsOdd(), wantOdd), roots[i], -roots[i]).Normalize();
            points[i] = new Point(new AffinePoint(xs[i], y), false);
        }

        return true;
    }

    public static Point Decode(ReadOnlySpan<byte> encoded) =>
        TryDecode(encoded, out var point) ? point : throw new MpcDecodeException("not a valid compressed secp256k1 point");

    /// <summary>Compressed encoding of an affine point straight into a buffer (used for secret points, never cached).</summary>
    internal static void WriteCompressed(in AffinePoint point, Span<byte> destination)
    {
        destination[0] = (byte)(0x02 | point.Y.IsOdd());
        point.X.WriteTo(destination.Slice(1, FieldElement.EncodedLength));
    }

    /// <summary>Wraps a point that is known to be on the curve (the affine coordinates are normalised here).</summary>
    internal static Point FromAffine(in AffinePoint affine) => new(affine.Normalized(), false);

    /// <summary>
    /// Always a new point, the identity included (its affine part comes out as (0, 0)): returning the shared
    /// <see cref="Identity"/> skipped an allocation, and the dudect test saw that difference for k = 0.
    /// </summary>
    internal static Point FromProjective(in ProjectivePoint point)
    {
        var affine = point.ToAffine(out var identity);
        return new Point(affine, identity != 0);
    }

    /// <summary>Normalises many points with one inversion.</summary>
    internal static Point[] FromProjective(ReadOnlySpan<ProjectivePoint> points)
    {
        var affine = new AffinePoint[points.Length];
        var identities = new ulong[points.Length];
        ProjectivePoint.ToAffine(points, affine, identities);
        var result = new Point[points.Length];
        for (var i = 0; i < points.Length; i++)
        {
            result[i] = new Point(affine[i], identities[i] != 0);
        }

        return result;
    }

    public bool Equals(Point? other) =>
        other is not null
        && _isIdentity == other._isIdentity
        && (_isIdentity || (FieldElement.EqualMask(_affine.X, other._affine.X) & FieldElement.EqualMask(_affine.Y, other._affine.Y)) != 0);

    public override bool Equals(object? obj) => obj is Point other && Equals(other);

    public override int GetHashCode() => _isIdentity ? 0 : HashCode.Combine(_affine.X.L0, _affine.X.L1, _affine.Y.L0);

    public override string ToString() => _isIdentity ? "Point(identity)" : $"Point({Convert.ToHexStringLower(Encoded())})";

    private byte[] Encoded()
    {
        EnsureNotIdentity();
        if (_encoded is null)
        {
            var encoded = new byte[EncodedLength];
            WriteCompressed(_affine, encoded);
            _encoded = encoded;
        }

        return _encoded;
    }

    private void EnsureNotIdentity()
    {
        if (_isIdentity)
        {
            throw new InvalidOperationException("the identity has no encoding");
        }
    }
}
