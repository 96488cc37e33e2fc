using System.Diagnostics;
using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Multiplication;
using MpcWallet.Mpc.Ot;
using MpcWallet.Mpc.Randomness;
using Xunit.Abstractions;

namespace MpcWallet.Mpc.Tests.Ot;

/// <summary>
/// Prints how long base OT and RVOLE take on this machine (run with a detailed console logger to see it). Not a
/// timed assertion: timings belong to benchmarks; the only assertions are on correctness of the measured runs.
/// </summary>
public sealed class OtTimingReportTests(ITestOutputHelper output)
{
    [Fact]
    public void Report_base_ot_and_rvole_timings()
    {
        var rng = SystemRandomSource.Instance;
        var sid = BaseOtTests.Sid(77);
        var baseOt = new List<double>();
        OtExtensionSenderSeeds alice = null!;
        OtExtensionReceiverSeeds bob = null!;
        for (var run = 0; run < 3; run++)
        {
            var watch = Stopwatch.StartNew();
            var (state, message) = BaseOt.ReceiverStart(sid, rng);
            var (bobSeeds, reply) = BaseOt.SenderRespond(sid, message.Encode(), 1, rng);
            alice = BaseOt.ReceiverFinish(state, reply.Encode(), 2);
            bob = bobSeeds;
            baseOt.Add(watch.Elapsed.TotalMilliseconds);
        }

        var a0 = Scalar.Random(rng);
        var a1 = Scalar.Random(rng);
        var rvole = new List<double>();
        for (var run = 0; run < 60; run++)
        {
            var watch = Stopwatch.StartNew();
            var (state, request) = Rvole.ReceiverStart(sid, bob, rng);
            var (c0, c1, response) = Rvole.SenderRespond(sid, alice, a0, a1, request.Encode(), 2, rng);
            var (chi, d0, d1) = Rvole.ReceiverFinish(state, response.Encode(), 1);
            rvole.Add(watch.Elapsed.TotalMilliseconds);
            Assert.Equal(a0 * chi, c0 + d0);
            Assert.Equal(a1 * chi, c1 + d1);
        }

        baseOt.Sort();
        rvole.Sort();
        output.WriteLine($"256 base OTs, both sides incl. encode/decode: min {baseOt[0]:F1} ms, median {baseOt[1]:F1} ms");
        output.WriteLine($"RVOLE, both sides incl. encode/decode: min {rvole[0]:F2} ms, median {rvole[rvole.Count / 2]:F2} ms (after warm-up: first runs JIT)");
    }
}
