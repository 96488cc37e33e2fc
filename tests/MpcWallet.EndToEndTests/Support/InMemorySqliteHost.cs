namespace MpcWallet.EndToEndTests.Support;

public sealed class InMemorySqliteHost() : SharedHost(Backend.InMemorySqlite);
