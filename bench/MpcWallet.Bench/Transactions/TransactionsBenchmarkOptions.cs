using System.Globalization;

namespace MpcWallet.Bench.Transactions;

/// <summary><c>transactions [--quick] [--transfers N] [--concurrency C] [--signer single-key|mpc]</c>.</summary>
internal sealed record TransactionsBenchmarkOptions(int Transfers, int Concurrency, bool Mpc)
{
    public static TransactionsBenchmarkOptions? Parse(ReadOnlySpan<string> args)
    {
        var transfers = 200;
        var concurrency = 32;
        var mpc = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    transfers = 50;
                    break;
                case "--transfers" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 10:
                    transfers = n;
                    i++;
                    break;
                case "--concurrency" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c >= 1:
                    concurrency = c;
                    i++;
                    break;
                case "--signer" when i + 1 < args.Length && args[i + 1] is "single-key" or "mpc":
                    mpc = args[i + 1] == "mpc";
                    i++;
                    break;
                default:
                    Console.Error.WriteLine($"unknown or invalid argument {args[i]}");
                    return null;
            }
        }

        return new TransactionsBenchmarkOptions(transfers, concurrency, mpc);
    }
}
