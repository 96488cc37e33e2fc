using System.Text.Json;

namespace MpcWallet.Clients.Tests.Support;

/// <summary>Files copied next to the tests: the TestToken artifact and the EIP-712 Mail example.</summary>
internal static class TestFiles
{
    public static JsonElement TestToken() => Load(Path.Combine("contracts", "TestToken.json"));

    /// <summary>The typed data of the EIP-712 Mail example as JSON text (as eth_signTypedData_v4 callers pass it).</summary>
    public static string MailTypedDataJson() => Load(Path.Combine("vectors", "eip-712-mail.json")).GetProperty("typedData").GetRawText();

    public static string MailSigningHash() => Load(Path.Combine("vectors", "eip-712-mail.json")).GetProperty("expected").GetProperty("signingHash").GetString()!;

    private static JsonElement Load(string relative)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, relative)));
        return document.RootElement.Clone();
    }
}
