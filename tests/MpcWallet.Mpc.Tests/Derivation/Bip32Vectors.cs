using System.Text.Json;

namespace MpcWallet.Mpc.Tests.Derivation;

/// <summary>Loads the committed BIP-32 vector file from the test project's source folder.</summary>
internal static class Bip32Vectors
{
    private static readonly Lazy<JsonDocument> Document = new(() => Load("bip32-public-derivation-vectors.json"));
    private static readonly Lazy<JsonDocument> InvalidDocument = new(() => Load("bip32-invalid-extended-keys.json"));

    public static IEnumerable<(string Name, string Parent, uint[] Path, string Child)> PublicCases() =>
        Document.Value.RootElement.GetProperty("cases").EnumerateArray().Select(c => (
            c.GetProperty("name").GetString()!,
            c.GetProperty("parent").GetString()!,
            c.GetProperty("path").EnumerateArray().Select(e => e.GetUInt32()).ToArray(),
            c.GetProperty("child").GetString()!));

    public static string PrivateKey(string name) =>
        Document.Value.RootElement.GetProperty("privateKeys").GetProperty(name).GetString()!;

    /// <summary>BIP-32 test vector 5: (reason, text) of extended keys every parser must refuse.</summary>
    public static IEnumerable<(string Reason, string Key)> InvalidExtendedKeys() =>
        InvalidDocument.Value.RootElement.GetProperty("cases").EnumerateArray().Select(c => (c.GetProperty("reason").GetString()!, c.GetProperty("key").GetString()!));

    private static JsonDocument Load(string file)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MpcWallet.Mpc.Tests.csproj")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new FileNotFoundException("could not locate the MpcWallet.Mpc.Tests project folder");
        }

        return JsonDocument.Parse(File.ReadAllText(Path.Combine(directory.FullName, "Derivation", file)));
    }
}
