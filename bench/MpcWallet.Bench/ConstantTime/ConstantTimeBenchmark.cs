using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using MpcWallet.Mpc.Curve;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Math.EC.Multiplier;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;
using MpcScalar = MpcWallet.Mpc.Curve.Scalar;

namespace MpcWallet.Bench.ConstantTime;

/// <summary>
/// `bench ct`: dudect timing tests of the scalar multipliers on secret inputs of different classes. Ours (constant-time
/// fixed-base and variable-base, each including the conversion to affine form) must stay below |t| = 4.5; BouncyCastle's
/// variable-time multiplier (GLV + wNAF, what the engine used before) runs through the same test to show that the test
/// detects a leak when there is one. Ours run through the engine's public API (<see cref="Point.Multiply"/>,
/// <see cref="Point.MultiplyGenerator"/>), so what is timed is what the protocols call. One JSON line per (target,
/// class pair).
/// </summary>
internal sealed class ConstantTimeBenchmark(int measurements)
{
    private static readonly Org.BouncyCastle.Asn1.X9.X9ECParameters Bc = CustomNamedCurves.GetByName("secp256k1");

    /// <summary>Class 0 inputs; class 1 is always fresh uniform scalars.</summary>
    private static readonly (string Name, Func<MpcScalar> Draw)[] ClassPairs =
    [
        ("fixed-vs-random", () => FixedScalar),
        ("small-vs-random", () => MpcScalar.FromUInt64(BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)) | 1)),
        ("low-weight-vs-random", LowWeight),
        ("zero-vs-random", () => MpcScalar.Zero),
    ];

    private static readonly MpcScalar FixedScalar = MpcScalar.Random(MpcWallet.Mpc.Randomness.SystemRandomSource.Instance);

    public int Run()
    {
        Log($"# dudect: {measurements} measurements per target and class pair, threshold |t| < {LeakageDetector.Threshold}");
        var basePoint = Point.MultiplyGenerator(MpcScalar.Random(MpcWallet.Mpc.Randomness.SystemRandomSource.Instance));
        var bcBase = Bc.Curve.DecodePoint(basePoint.Encode());
        var comb = new FixedPointCombMultiplier();
        var targets = new (string Name, bool Ours, Func<MpcScalar[], Action<int>> Operation)[]
        {
            ("mpcwallet/variable-base", true, inputs => i => basePoint.Multiply(inputs[i])),
            ("mpcwallet/generator", true, inputs => i => Point.MultiplyGenerator(inputs[i])),
            ("bouncycastle/variable-base", false, inputs =>
            {
                var bc = inputs.Select(ToBc).ToArray();
                return i => bcBase.Multiply(bc[i]).Normalize();
            }),
            ("bouncycastle/generator-comb", false, inputs =>
            {
                var bc = inputs.Select(ToBc).ToArray();
                return i => comb.Multiply(Bc.G, bc[i]).Normalize();
            }),
        };

        var allOursConstant = true;
        foreach (var (pairName, draw) in ClassPairs)
        {
            var classes = new int[measurements];
            var inputs = new MpcScalar[measurements];
            for (var i = 0; i < measurements; i++)
            {
                classes[i] = RandomNumberGenerator.GetInt32(2);
                inputs[i] = classes[i] == 0 ? draw() : MpcScalar.Random(MpcWallet.Mpc.Randomness.SystemRandomSource.Instance);
            }

            foreach (var (name, ours, operation) in targets)
            {
                var result = LeakageDetector.Run(classes, operation(inputs), Math.Min(2000, measurements / 10));
                allOursConstant &= !ours || result.ConstantTime;
                Log($"  {name} {pairName}: max |t| = {result.MaxAbsT:F2} ({result.WorstTest}), means {result.MeanNsClass0 / 1000:F1} / {result.MeanNsClass1 / 1000:F1} µs");
                Console.Out.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["op"] = "ct",
                    ["target"] = name,
                    ["classes"] = pairName,
                    ["measurements"] = result.Measurements,
                    ["max_abs_t"] = Math.Round(result.MaxAbsT, 2),
                    ["worst_test"] = result.WorstTest,
                    ["abs_t_uncropped"] = Math.Round(result.AbsTUncropped, 2),
                    ["mean_us_class0"] = Math.Round(result.MeanNsClass0 / 1000, 2),
                    ["mean_us_class1"] = Math.Round(result.MeanNsClass1 / 1000, 2),
                    ["threshold"] = LeakageDetector.Threshold,
                    ["constant_time"] = result.ConstantTime,
                }));
                Console.Out.Flush();
            }
        }

        Log($"# all of ours below the threshold: {allOursConstant}");
        return allOursConstant ? 0 : 1;
    }

    /// <summary>A uniformly placed scalar with only eight bits set.</summary>
    private static MpcScalar LowWeight()
    {
        var bytes = new byte[32];
        for (var i = 0; i < 8; i++)
        {
            var bit = RandomNumberGenerator.GetInt32(1, 255);
            bytes[31 - (bit / 8)] |= (byte)(1 << (bit % 8));
        }

        return MpcScalar.FromCanonical(bytes);
    }

    private static BcBigInteger ToBc(MpcScalar k) => new(1, k.ToBytes());

    private static void Log(string message) => Console.Error.WriteLine(message.ToString(CultureInfo.InvariantCulture));
}
