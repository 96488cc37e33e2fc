using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Keygen;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Multiplication;
using MpcWallet.Mpc.Ot;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Randomness;
using MpcWallet.Mpc.Signing;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;
using MpcScalar = MpcWallet.Mpc.Curve.Scalar;

namespace MpcWallet.Bench.Profile;

/// <summary>
/// `bench profile`: where key generation and signing spend their time. Primitive costs of the public curve API (ours
/// beside BouncyCastle's where both exist; the field, SHAKE and batch internals are measured only through the rounds,
/// the bench sees the engine's public API only), the base OT and RVOLE of one ordered pair, and the compute per protocol round summed over all
/// parties (one process, sequential, like `bench engine`). One JSON line per item, medians in microseconds.
/// </summary>
internal sealed class EngineProfile(bool quick)
{
    private static readonly Org.BouncyCastle.Asn1.X9.X9ECParameters Bc = CustomNamedCurves.GetByName("secp256k1");
    private readonly IRandomSource _random = SystemRandomSource.Instance;

    public int Run()
    {
        Log($"# engine profile: {Environment.ProcessorCount} cpus, quick={quick}");
        var n = quick ? 200 : 2000;
        Primitives(n);
        Pairwise(quick ? 3 : 10);
        Rounds(2, 3, quick ? 2 : 6);
        Rounds(3, 5, quick ? 1 : 3);
        return 0;
    }

    private void Primitives(int n)
    {
        var scalars = Enumerable.Range(0, n).Select(_ => MpcScalar.Random(_random)).ToArray();
        var points = scalars.Select(Point.MultiplyGenerator).ToArray();
        var encoded = points.Select(p => p.Encode()).ToArray();
        var bcScalars = scalars.Select(s => new BcBigInteger(1, s.ToBytes())).ToArray();
        var bcPoints = encoded.Select(e => Bc.Curve.DecodePoint(e)).ToArray();
        var comb = new FixedPointCombMultiplier();
        Emit("k·G secret (ours: comb table, constant time; bc: FixedPointCombMultiplier), both to affine",
            Time(n, i => Point.MultiplyGenerator(scalars[i])),
            Time(n, i => comb.Multiply(Bc.G, bcScalars[i]).Normalize()));
        Emit("k·P secret (ours: GLV fixed window, constant time; bc: GLV wNAF, variable time), both to affine",
            Time(n, i => points[i].Multiply(scalars[(i + 1) % n])),
            Time(n, i => bcPoints[i].Multiply(bcScalars[(i + 1) % n]).Normalize()));
        Emit("k·P public (ours: GLV + wNAF, variable time; bc: GLV wNAF), both to affine",
            Time(n, i => points[i].MultiplyPublic(scalars[(i + 1) % n])),
            Time(n, i => bcPoints[i].Multiply(bcScalars[(i + 1) % n]).Normalize()));
        Emit("a·P + b·Q public (variable time)",
            Time(n, i => Point.SumOfTwoMultiplies(points[i], scalars[i], points[(i + 1) % n], scalars[(i + 2) % n])),
            Time(n, i => ECAlgorithms.SumOfTwoMultiplies(bcPoints[i], bcScalars[i], bcPoints[(i + 1) % n], bcScalars[(i + 2) % n]).Normalize()));
        Emit("point decode (compressed, strict)", Time(n, i => Point.Decode(encoded[i])), Time(n, i => Bc.Curve.DecodePoint(encoded[i]).Normalize()));
    }

    private void Pairwise(int runs)
    {
        var sid = new byte[32];
        _random.Fill(sid);
        var receiverStart = new List<double>();
        var senderRespond = new List<double>();
        var receiverFinish = new List<double>();
        OtExtensionSenderSeeds alice = null!;
        OtExtensionReceiverSeeds bob = null!;
        for (var run = 0; run < runs + 1; run++)
        {
            var t0 = Stopwatch.GetTimestamp();
            var (state, message) = BaseOt.ReceiverStart(sid, _random);
            var wire = message.Encode();
            var t1 = Stopwatch.GetTimestamp();
            var (bobSeeds, reply) = BaseOt.SenderRespond(sid, wire, 1, _random);
            var replyWire = reply.Encode();
            var t2 = Stopwatch.GetTimestamp();
            alice = BaseOt.ReceiverFinish(state, replyWire, 2);
            var t3 = Stopwatch.GetTimestamp();
            bob = bobSeeds;
            if (run > 0)
            {
                receiverStart.Add(Stopwatch.GetElapsedTime(t0, t1).TotalMicroseconds);
                senderRespond.Add(Stopwatch.GetElapsedTime(t1, t2).TotalMicroseconds);
                receiverFinish.Add(Stopwatch.GetElapsedTime(t2, t3).TotalMicroseconds);
            }
        }

        Emit("base OT ×256: receiver start (incl. encode)", SampleStatistics.Median(receiverStart), null);
        Emit("base OT ×256: sender respond (incl. decode, encode)", SampleStatistics.Median(senderRespond), null);
        Emit("base OT ×256: receiver finish (incl. decode)", SampleStatistics.Median(receiverFinish), null);

        var a0 = MpcScalar.Random(_random);
        var a1 = MpcScalar.Random(_random);
        var start = new List<double>();
        var respond = new List<double>();
        var finish = new List<double>();
        for (var run = 0; run < (runs * 10) + 5; run++)
        {
            var t0 = Stopwatch.GetTimestamp();
            var (state, request) = Rvole.ReceiverStart(sid, bob, _random);
            var requestWire = request.Encode();
            var t1 = Stopwatch.GetTimestamp();
            var (_, _, response) = Rvole.SenderRespond(sid, alice, a0, a1, requestWire, 2, _random);
            var responseWire = response.Encode();
            var t2 = Stopwatch.GetTimestamp();
            Rvole.ReceiverFinish(state, responseWire, 1);
            var t3 = Stopwatch.GetTimestamp();
            if (run >= 5)
            {
                start.Add(Stopwatch.GetElapsedTime(t0, t1).TotalMicroseconds);
                respond.Add(Stopwatch.GetElapsedTime(t1, t2).TotalMicroseconds);
                finish.Add(Stopwatch.GetElapsedTime(t2, t3).TotalMicroseconds);
            }
        }

        Emit("RVOLE: receiver start (OT extension, incl. encode)", SampleStatistics.Median(start), null);
        Emit("RVOLE: sender respond (incl. decode, encode)", SampleStatistics.Median(respond), null);
        Emit("RVOLE: receiver finish (incl. decode)", SampleStatistics.Median(finish), null);
    }

    /// <summary>Compute per protocol round, summed over the parties, median over runs (round 0 = Start).</summary>
    private void Rounds(int t, int n, int runs)
    {
        var keygen = new List<Dictionary<int, double>>();
        KeyShare[] shares = [];
        for (var run = 0; run < runs + 1; run++)
        {
            var network = new SequentialNetwork();
            var sid = SessionId.Random(_random);
            var outputs = network.Run<KeyShare>(Enumerable.Range(1, n).Select(p => new KeyGenerationParty(sid, p, t, n, _random)).ToArray());
            shares = Enumerable.Range(1, n).Select(p => outputs[p]).ToArray();
            if (run > 0)
            {
                keygen.Add(network.ComputeByRound());
            }
        }

        foreach (var round in keygen[0].Keys.Order())
        {
            Emit($"keygen {t}-of-{n} round {round}, all parties", SampleStatistics.Median(keygen.Select(r => r[round] * 1000)), null);
        }

        var sign = new List<Dictionary<int, double>>();
        var signers = Enumerable.Range(1, t).ToArray();
        for (var run = 0; run < (runs * 10) + 5; run++)
        {
            var network = new SequentialNetwork();
            var digest = new byte[32];
            _random.Fill(digest);
            var sid = SessionId.Random(_random);
            network.Run<PartialSignature>(signers.Select(p => new SigningParty(sid, shares[p - 1], signers, digest, [], _random)).ToArray());
            if (run >= 5)
            {
                sign.Add(network.ComputeByRound());
            }
        }

        foreach (var round in sign[0].Keys.Order())
        {
            Emit($"sign {t}-of-{n} round {round}, all signers", SampleStatistics.Median(sign.Select(r => r[round] * 1000)), null);
        }
    }

    private static double Time(int n, Action<int> operation, int repeat = 1)
    {
        for (var i = 0; i < Math.Min(n, 50); i++)
        {
            operation(i);
        }

        var samples = new double[n];
        for (var i = 0; i < n; i++)
        {
            var start = Stopwatch.GetTimestamp();
            for (var r = 0; r < repeat; r++)
            {
                operation(i);
            }

            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds / repeat;
        }

        return SampleStatistics.Median(samples);
    }

    private static void Emit(string item, double oursUs, double? bouncyCastleUs)
    {
        var line = new Dictionary<string, object> { ["op"] = "profile", ["item"] = item, ["median_us"] = Math.Round(oursUs, 3) };
        if (bouncyCastleUs is { } bc)
        {
            line["bouncycastle_median_us"] = Math.Round(bc, 3);
        }

        Log($"  {item}: {oursUs:F2} µs" + (bouncyCastleUs is { } b ? $" (BouncyCastle {b:F2} µs)" : ""));
        Console.Out.WriteLine(JsonSerializer.Serialize(line));
        Console.Out.Flush();
    }

    private static void Log(string message) => Console.Error.WriteLine(message.ToString(CultureInfo.InvariantCulture));
}
