namespace MpcWallet.Bench.ConstantTime;

/// <summary>One dudect run: the largest |t| over the uncropped and cropped tests, and the class means.</summary>
internal sealed record LeakageResult(int Measurements, double MaxAbsT, string WorstTest, double AbsTUncropped, double MeanNsClass0, double MeanNsClass1)
{
    public bool ConstantTime => MaxAbsT < LeakageDetector.Threshold;
}
