using System.Numerics;
using MpcWallet.Mpc.Curve;

namespace MpcWallet.Mpc.Tests.Curve;

public sealed class PointCodecTests
{
    private static readonly BigInteger P = Secp256k1.FieldPrimeNumerics;

    [Fact]
    public void Encodings_round_trip_and_match_bouncy_castle()
    {
        var random = new Random(6006);
        for (var i = 0; i < 2000; i++)
        {
            var k = new BigInteger(Enumerable.Range(0, 32).Select(_ => (byte)random.Next(256)).Append((byte)0).ToArray()) % Secp256k1.OrderNumerics;
            if (k.IsZero)
            {
                continue;
            }

            var reference = Reference.Multiply(Reference.G, k);
            var point = Point.MultiplyGenerator(Scalar.FromNumerics(k));
            Assert.Equal(reference.GetEncoded(true), point.Encode());
            Assert.Equal(reference.GetEncoded(false), point.EncodeUncompressed());
            Assert.Equal(reference.AffineXCoord.GetEncoded(), point.AffineX());
            Assert.Equal(reference.AffineYCoord.TestBitZero(), point.AffineYIsOdd);

            var decoded = Point.Decode(point.Encode());
            Assert.Equal(point, decoded);
            Assert.Equal(point.GetHashCode(), decoded.GetHashCode());
            Assert.Equal(point.Encode(), decoded.Encode());
            var written = new byte[Point.EncodedLength];
            decoded.WriteTo(written);
            Assert.Equal(point.Encode(), written);
        }
    }

    [Fact]
    public void Decoding_is_strict()
    {
        var g = Point.Generator.Encode();
        Assert.False(Point.TryDecode([0x00], out _));
        Assert.False(Point.TryDecode(g.AsSpan(0, 32), out _));
        Assert.False(Point.TryDecode([.. g, 0x00], out _));
        Assert.False(Point.TryDecode(Point.Generator.EncodeUncompressed(), out _));
        foreach (var prefix in new byte[] { 0x00, 0x01, 0x04, 0x05, 0x06, 0x07, 0xFF })
        {
            var wrong = (byte[])g.Clone();
            wrong[0] = prefix;
            Assert.False(Point.TryDecode(wrong, out _));
        }

        // x ≥ p, although x − p would be a valid x-coordinate for small values.
        var tooLarge = new byte[33];
        tooLarge[0] = 0x02;
        (P + 1).ToByteArray(isUnsigned: true, isBigEndian: true).CopyTo(tooLarge, 1);
        Assert.False(Point.TryDecode(tooLarge, out _));

        // x with x³ + 7 a non-residue: x = 5 has none (5³ + 7 = 132).
        var noRoot = new byte[33];
        noRoot[0] = 0x02;
        noRoot[32] = 5;
        Assert.False(BigInteger.ModPow(132, (P - 1) / 2, P).IsOne);
        Assert.False(Point.TryDecode(noRoot, out _));
        Assert.Throws<MpcDecodeException>(() => Point.Decode(noRoot));

        Assert.Throws<InvalidOperationException>(() => Point.Identity.Encode());
        Assert.Throws<InvalidOperationException>(() => Point.Identity.AffineX());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Batch_decoding_matches_single_decoding_and_refuses_any_bad_entry(bool vectors)
    {
        using var scope = vectors ? null : VectorPaths.ScalarOnly();
        var points = Enumerable.Range(1, 23).Select(i => Point.MultiplyGenerator(Scalar.FromUInt64((ulong)i * 104729))).ToArray();
        var encoded = points.SelectMany(p => p.Encode()).ToArray();
        var decoded = new Point[points.Length];
        Assert.True(Point.TryDecodeBatch(encoded, decoded));
        Assert.Equal(points, decoded);

        foreach (var bad in new[] { 0, 5, 22 })
        {
            var corrupted = (byte[])encoded.Clone();
            corrupted[(bad * Point.EncodedLength) + 32] = 5;
            Array.Clear(corrupted, (bad * Point.EncodedLength) + 1, 31); // x = 5: no point
            Assert.False(Point.TryDecodeBatch(corrupted, new Point[points.Length]));
            var prefix = (byte[])encoded.Clone();
            prefix[bad * Point.EncodedLength] = 0x04;
            Assert.False(Point.TryDecodeBatch(prefix, new Point[points.Length]));
        }

        Assert.False(Point.TryDecodeBatch(encoded.AsSpan(1), new Point[points.Length]));
    }

    [Fact]
    public void Both_parities_decode_to_negatives_of_each_other()
    {
        var encoded = Point.MultiplyGenerator(Scalar.FromUInt64(987654321)).Encode();
        var flipped = (byte[])encoded.Clone();
        flipped[0] ^= 1;
        var a = Point.Decode(encoded);
        var b = Point.Decode(flipped);
        Assert.Equal(a.Negate(), b);
        Assert.NotEqual(a.AffineYIsOdd, b.AffineYIsOdd);
        Assert.True((a + b).IsIdentity);
    }
}
