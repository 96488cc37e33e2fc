using System.Security.Cryptography;
using System.Text.Json;
using MpcWallet.Ethereum.Abi;
using MpcWallet.Ethereum.Quantities;

namespace MpcWallet.Ethereum.Tests.TestSupport;

/// <summary>tests/contracts/build/TestToken.json (built by scripts/build-contracts.sh) read with our ABI code.</summary>
internal sealed class TestTokenArtifact
{
    private TestTokenArtifact(JsonElement artifact)
    {
        Abi = ContractAbi.FromJson(artifact.GetProperty("abi"));
        Bytecode = HexBytes.Parse(artifact.GetProperty("bytecode").GetString()!);
        SourceSha256 = artifact.GetProperty("sourceSha256").GetString()!;
    }

    public static TestTokenArtifact Instance { get; } = Load();

    public ContractAbi Abi { get; }

    public byte[] Bytecode { get; }

    public string SourceSha256 { get; }

    public static string ContractsPath(string file) => Path.Combine(AppContext.BaseDirectory, "contracts", file);

    public static string SourceSha256OfCheckedInSource() =>
        Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(ContractsPath("TestToken.sol"))));

    private static TestTokenArtifact Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(ContractsPath(Path.Combine("build", "TestToken.json"))));
        return new TestTokenArtifact(document.RootElement.Clone());
    }
}
