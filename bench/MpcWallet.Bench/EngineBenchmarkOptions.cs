namespace MpcWallet.Bench;

/// <summary>Command-line settings of the engine benchmark.</summary>
internal sealed record EngineBenchmarkOptions(
    bool Quick,
    string? SignatureFile,
    IReadOnlyList<(int T, int N)> Configurations,
    IReadOnlySet<string> Operations)
{
    public int KeygenRuns => Quick ? 2 : 10;

    public const int KeygenWarmup = 1;

    public int SignRuns => Quick ? 10 : 50;

    public int SignWarmup => Quick ? 5 : 10;

    public TimeSpan SignWarmupTime => TimeSpan.FromSeconds(Quick ? 1 : 5);

    public int RefreshRuns => Quick ? 2 : 10;

    /// <summary>Refresh runs the key generation code, which the keygen measurement has already warmed up.</summary>
    public const int RefreshWarmup = 0;

    public int ReshareRuns => Quick ? 2 : 10;

    /// <summary>One unmeasured reshare first: its message codecs and role logic are not warmed up by keygen.</summary>
    public const int ReshareWarmup = 1;

    public static EngineBenchmarkOptions? Parse(ReadOnlySpan<string> args)
    {
        var quick = false;
        string? file = null;
        var configurations = new List<(int, int)> { (2, 3), (3, 5) };
        var operations = new HashSet<string> { "keygen", "sign", "refresh", "reshare" };
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--emit-signatures" when i + 1 < args.Length:
                    file = args[++i];
                    break;
                case "--configs" when i + 1 < args.Length:
                    configurations = [.. args[++i].Split(',').Select(ParseConfiguration)];
                    break;
                case "--ops" when i + 1 < args.Length:
                    operations = [.. args[++i].Split(',')];
                    break;
                default:
                    Console.Error.WriteLine($"unknown or incomplete option {args[i]}");
                    return null;
            }
        }

        return new EngineBenchmarkOptions(quick, file, configurations, operations);
    }

    private static (int, int) ParseConfiguration(string text)
    {
        var parts = text.Split("of");
        return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
