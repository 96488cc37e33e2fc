using Microsoft.Extensions.Configuration;

namespace MpcWallet.Infrastructure.Hosting;

/// <summary>All local state of a process lives under one directory (<c>DataDirectory</c>, set by <c>--data-dir</c>).</summary>
public static class DataDirectory
{
    public const string Key = "DataDirectory";

    public static string From(IConfiguration configuration)
    {
        var path = Path.GetFullPath(configuration[Key] is { Length: > 0 } configured ? configured : "data");
        Directory.CreateDirectory(path);
        return path;
    }
}
