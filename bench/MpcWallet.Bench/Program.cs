using MpcWallet.Bench;

// Usage: dotnet run -c Release --project bench/MpcWallet.Bench -- engine [--quick] [--emit-signatures FILE]
// stdout: one JSON line per measurement; stderr: progress.
if (args.Length > 0 && args[0] == "transactions")
{
    return MpcWallet.Bench.Transactions.TransactionsBenchmarkOptions.Parse(args.AsSpan(1)) is { } transactions
        ? await new MpcWallet.Bench.Transactions.TransactionsBenchmark(transactions).RunAsync()
        : 2;
}

if (args.Length > 0 && args[0] == "system")
{
    return await new MpcWallet.Bench.EndToEnd.SystemBenchmark(quick: args.AsSpan(1).Contains("--quick"), split: args.AsSpan(1).Contains("--split")).RunAsync();
}

if (args.Length == 0 || args[0] != "engine")
{
    Console.Error.WriteLine("usage: MpcWallet.Bench engine [--quick] [--emit-signatures FILE] [--configs 2of3,3of5] [--ops keygen,sign,refresh]");
    Console.Error.WriteLine("       MpcWallet.Bench system [--quick] [--split]");
    Console.Error.WriteLine("       MpcWallet.Bench transactions [--quick] [--transfers N] [--concurrency C] [--signer single-key|mpc]");
    return 2;
}

var options = EngineBenchmarkOptions.Parse(args.AsSpan(1));
if (options is null)
{
    return 2;
}

return new EngineBenchmark(options).Run();
