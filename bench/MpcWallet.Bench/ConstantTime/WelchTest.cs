namespace MpcWallet.Bench.ConstantTime;

/// <summary>
/// Welch's t-test between two classes of measurements, accumulated online (Welford): t = (m0 − m1) / √(v0/n0 + v1/n1).
/// </summary>
internal sealed class WelchTest
{
    private readonly double[] _mean = new double[2];
    private readonly double[] _m2 = new double[2];
    private readonly long[] _count = new long[2];

    public long Count(int cls) => _count[cls];

    public double Mean(int cls) => _mean[cls];

    public void Add(int cls, double value)
    {
        _count[cls]++;
        var delta = value - _mean[cls];
        _mean[cls] += delta / _count[cls];
        _m2[cls] += delta * (value - _mean[cls]);
    }

    public double T()
    {
        if (_count[0] < 2 || _count[1] < 2)
        {
            return 0;
        }

        var v0 = _m2[0] / (_count[0] - 1);
        var v1 = _m2[1] / (_count[1] - 1);
        var denominator = Math.Sqrt((v0 / _count[0]) + (v1 / _count[1]));
        return denominator == 0 ? 0 : (_mean[0] - _mean[1]) / denominator;
    }
}
