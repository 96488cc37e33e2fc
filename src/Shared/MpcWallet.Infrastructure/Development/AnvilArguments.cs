using System.Globalization;

namespace MpcWallet.Infrastructure.Development;

/// <summary>How a local Anvil node is started: its loopback address, chain id, mining mode and optional state file.</summary>
public sealed record AnvilArguments
{
    public string Host { get; init; } = "127.0.0.1";

    public required int Port { get; init; }

    public required ulong ChainId { get; init; }

    /// <summary>True: every transaction is mined at once. False: <c>--no-mining</c>, blocks come only from <c>evm_mine</c>.</summary>
    public bool Automine { get; init; } = true;

    /// <summary>Where the chain state is loaded from at start and dumped to every second, so it survives restarts.</summary>
    public string? StateFile { get; init; }

    public Uri Endpoint => new($"http://{Host}:{Port.ToString(CultureInfo.InvariantCulture)}/");

    public IReadOnlyList<string> ToArgumentList()
    {
        var arguments = new List<string>
        {
            "--host", Host,
            "--port", Port.ToString(CultureInfo.InvariantCulture),
            "--chain-id", ChainId.ToString(CultureInfo.InvariantCulture),
            "--silent",
        };
        if (!Automine)
        {
            arguments.Add("--no-mining");
        }

        if (StateFile is not null)
        {
            arguments.AddRange(["--state", StateFile, "--state-interval", "1"]);
        }

        return arguments;
    }
}
