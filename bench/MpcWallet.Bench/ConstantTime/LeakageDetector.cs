using System.Diagnostics;

namespace MpcWallet.Bench.ConstantTime;

/// <summary>
/// dudect (Reparaz, Balasch, Verbauwhede, "Dude, is my code constant time?", DATE 2017), as Coinbase's cb-mpc runs it:
/// inputs of two classes are prepared beforehand, the class of each measurement is drawn at random (so drift in machine
/// load hits both classes alike), each operation is timed alone, and Welch's t-test compares the classes — on all
/// measurements and on measurements cropped below several percentiles (the upper tail is mostly interrupts). A
/// |t| above 4.5 means the timing distributions differ: the operation leaks which class its input came from.
/// </summary>
internal sealed class LeakageDetector
{
    public const double Threshold = 4.5;

    /// <summary>Percentiles of the warm-up measurements below which cropped tests also accumulate.</summary>
    private static readonly double[] CropPercentiles = [0.50, 0.75, 0.90, 0.95, 0.99];

    /// <summary>Measures <paramref name="operation"/> on input i of class classes[i] for every i.</summary>
    public static LeakageResult Run(int[] classes, Action<int> operation, int warmup)
    {
        // Warm-up: JIT, caches, and the crop thresholds (from both classes pooled).
        var warm = new double[Math.Min(warmup, classes.Length)];
        for (var i = 0; i < warm.Length; i++)
        {
            warm[i] = Measure(operation, i);
        }

        Array.Sort(warm);
        var crops = CropPercentiles.Select(p => warm[(int)(p * (warm.Length - 1))]).ToArray();
        var uncropped = new WelchTest();
        var cropped = crops.Select(_ => new WelchTest()).ToArray();
        for (var i = 0; i < classes.Length; i++)
        {
            var ns = Measure(operation, i);
            uncropped.Add(classes[i], ns);
            for (var c = 0; c < crops.Length; c++)
            {
                if (ns < crops[c])
                {
                    cropped[c].Add(classes[i], ns);
                }
            }
        }

        // A cropped test counts only with enough samples in both classes.
        var tests = new List<(string Name, WelchTest Test)> { ("all", uncropped) };
        for (var c = 0; c < crops.Length; c++)
        {
            if (cropped[c].Count(0) >= 1000 && cropped[c].Count(1) >= 1000)
            {
                tests.Add(($"below p{CropPercentiles[c] * 100:0}", cropped[c]));
            }
        }

        var worst = tests.MaxBy(t => Math.Abs(t.Test.T()));
        return new LeakageResult(
            classes.Length,
            Math.Abs(worst.Test.T()),
            worst.Name,
            Math.Abs(uncropped.T()),
            uncropped.Mean(0),
            uncropped.Mean(1));
    }

    private static double Measure(Action<int> operation, int index)
    {
        var start = Stopwatch.GetTimestamp();
        operation(index);
        var end = Stopwatch.GetTimestamp();
        return (end - start) * (1e9 / Stopwatch.Frequency);
    }
}
