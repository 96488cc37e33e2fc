using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Ot;

namespace MpcWallet.Mpc.Tests.Ot;

public sealed class HashToCurveBatchTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Batched_hashing_is_the_same_function_as_one_at_a_time(bool vectors)
    {
        using var scope = vectors ? null : VectorPaths.ScalarOnly();
        var sid = BaseOtTests.Sid(5);
        var inputs = Enumerable.Range(0, 203)
            .Select(i => (i, i % 2, Point.MultiplyGenerator(Scalar.FromUInt64((ulong)(i + 1) * 7919))))
            .ToArray();
        var batched = new AffinePoint[inputs.Length];
        HashToCurve.HashAffineBatch(sid, inputs, batched);
        for (var i = 0; i < inputs.Length; i++)
        {
            var single = HashToCurve.Hash(sid, inputs[i].Item1, inputs[i].Item2, inputs[i].Item3);
            Assert.Equal(single, Point.FromAffine(batched[i]));
            Assert.False(single.AffineYIsOdd);
        }
    }
}
