using System.Text.Json;
using MpcWallet.Ethereum.Abi;
using MpcWallet.Ethereum.Quantities;

namespace MpcWallet.Transactions.Tests.Support;

/// <summary>tests/contracts/build/TestToken.json (compiled from the checked-in TestToken.sol, see scripts/build-contracts.sh).</summary>
internal static class TestToken
{
    private static readonly JsonElement Artifact = Load();

    public static ContractAbi Abi { get; } = ContractAbi.FromJson(Artifact.GetProperty("abi"));

    public static byte[] Bytecode { get; } = HexBytes.Parse(Artifact.GetProperty("bytecode").GetString()!);

    /// <summary>The "abi" array as the JSON text a caller would send.</summary>
    public static string AbiJson { get; } = Artifact.GetProperty("abi").GetRawText();

    private static JsonElement Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "contracts", "TestToken.json")));
        return document.RootElement.Clone();
    }
}
