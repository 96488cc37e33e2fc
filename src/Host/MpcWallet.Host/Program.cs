using MpcWallet.Host.Composition;

// Which modules run (coordinator, nodes), the broker and the database are configuration; see README.md.
await MpcWalletHost.Build(args).RunAsync();
