using MpcWallet.Host.Composition;

// Which modules run (coordinator, nodes, transaction service), the broker and the database are configuration; see README.md.
if (args.Length > 0 && args[0] == BrokerPermissionsCommand.Name)
{
    return BrokerPermissionsCommand.Run(args[1..]);
}

if (args.Length > 0 && args[0] == BackupCommand.Name)
{
    return await BackupCommand.RunAsync(args[1..], Console.Out, Console.Error);
}

if (args.Length > 0 && args[0] == TrustCommand.Name)
{
    return await TrustCommand.RunAsync(args[1..], Console.Out, Console.Error);
}

try
{
    await MpcWalletHost.Build(args).RunAsync();
}
catch (InvalidOperationException e)
{
    // Configuration errors (every module's options problems together, a key that does not open a node's store, …):
    // one clear line instead of a stack trace; the exit code tells supervisors not to restart in a loop.
    Console.Error.WriteLine($"MpcWallet cannot start: {e.Message}");
    return 2;
}

return 0;
