using System.Text.Json;

namespace MpcWallet.Ethereum.Tests.TestSupport;

/// <summary>Loads the committed public vectors (see TestVectors/SOURCES.md) from the test output directory.</summary>
internal static class TestVectors
{
    public static string PathOf(string relativePath) =>
        Path.Combine(AppContext.BaseDirectory, "TestVectors", relativePath.Replace('/', Path.DirectorySeparatorChar));

    public static JsonDocument Load(string relativePath) => JsonDocument.Parse(File.ReadAllText(PathOf(relativePath)));

    public static IEnumerable<string> Files(string relativeFolder) =>
        Directory.EnumerateFiles(PathOf(relativeFolder), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    public static byte[] Hex(string text) => Convert.FromHexString(text.StartsWith("0x", StringComparison.Ordinal) ? text[2..] : text);
}
