using MpcWallet.Bench;

// Usage: dotnet run -c Release --project bench/MpcWallet.Bench -- engine|ct|profile|system|transactions [options]
// stdout: one JSON line per measurement; stderr: progress.
if (args.Length > 0 && args[0] == "transactions")
{
    return MpcWallet.Bench.Transactions.TransactionsBenchmarkOptions.Parse(args.AsSpan(1)) is { } transactions
        ? await new MpcWallet.Bench.Transactions.TransactionsBenchmark(transactions).RunAsync()
        : 2;
}

if (args.Length > 0 && args[0] == "system")
{
    var rest = args.AsSpan(1);
    var transport = rest.IndexOf("--transport") is var at and >= 0 && at + 1 < rest.Length ? rest[at + 1] : "inmemory";
    if (transport is not ("inmemory" or "rabbitmq"))
    {
        Console.Error.WriteLine("system: --transport is inmemory (default) or rabbitmq (adds a split deployment on RabbitMQ + PostgreSQL)");
        return 2;
    }

    return await new MpcWallet.Bench.EndToEnd.SystemBenchmark(quick: rest.Contains("--quick"), split: transport == "rabbitmq").RunAsync();
}

if (args.Length > 0 && args[0] == "ct")
{
    var rest = args.AsSpan(1);
    var measurements = rest.IndexOf("--measurements") is var m and >= 0 && m + 1 < rest.Length
        ? int.Parse(rest[m + 1], System.Globalization.CultureInfo.InvariantCulture)
        : rest.Contains("--quick") ? 20_000 : 200_000;
    return new MpcWallet.Bench.ConstantTime.ConstantTimeBenchmark(measurements).Run();
}

if (args.Length > 0 && args[0] == "profile")
{
    return new MpcWallet.Bench.Profile.EngineProfile(quick: args.AsSpan(1).Contains("--quick")).Run();
}

if (args.Length == 0 || args[0] != "engine")
{
    Console.Error.WriteLine("usage: MpcWallet.Bench engine [--quick] [--emit-signatures FILE] [--configs 2of3,3of5] [--ops keygen,sign,refresh,reshare]");
    Console.Error.WriteLine("       MpcWallet.Bench system [--quick] [--transport inmemory|rabbitmq]");
    Console.Error.WriteLine("       MpcWallet.Bench ct [--quick] [--measurements N]   (dudect timing test of the scalar multipliers)");
    Console.Error.WriteLine("       MpcWallet.Bench profile [--quick]                 (where key generation and signing spend their time)");
    Console.Error.WriteLine("       MpcWallet.Bench transactions [--quick] [--transfers N] [--concurrency C] [--signer single-key|mpc]");
    return 2;
}

var options = EngineBenchmarkOptions.Parse(args.AsSpan(1));
if (options is null)
{
    return 2;
}

return new EngineBenchmark(options).Run();
