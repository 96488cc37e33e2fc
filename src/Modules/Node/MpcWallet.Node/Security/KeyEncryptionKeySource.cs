using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using MpcWallet.Node.Configuration;

namespace MpcWallet.Node.Security;

/// <summary>
/// Finds a node's key-encryption key: <c>Node:KeyEncryptionKeys:&lt;node&gt;</c> (base64 or hex, 32 bytes; also settable
/// as the environment variable <c>Node__KeyEncryptionKeys__&lt;node&gt;</c>), else the file named by
/// <c>Node:KeyEncryptionKeyFiles:&lt;node&gt;</c>, else — in Development only, or when
/// <c>Node:CreateDevelopmentKeys</c> is true — a key file created once in the node's data directory with owner-only
/// permissions. Anything else is a start-up error.
/// </summary>
internal sealed class KeyEncryptionKeySource(NodeOptions options, IHostEnvironment environment)
{
    public const string DevelopmentKeyFileName = "kek.dev.key";

    public byte[] For(string nodeId, string nodeDataDirectory)
    {
        if (options.KeyEncryptionKeys.TryGetValue(nodeId, out var configured) && !string.IsNullOrWhiteSpace(configured))
        {
            return Parse(configured, $"Node:KeyEncryptionKeys:{nodeId}");
        }

        if (options.KeyEncryptionKeyFiles.TryGetValue(nodeId, out var file) && !string.IsNullOrWhiteSpace(file))
        {
            return ReadKeyFile(file, $"Node:KeyEncryptionKeyFiles:{nodeId}");
        }

        if (!(options.CreateDevelopmentKeys ?? environment.IsDevelopment()))
        {
            throw new InvalidOperationException(
                $"node {nodeId} has no key-encryption key: set Node:KeyEncryptionKeys:{nodeId} (or the environment variable Node__KeyEncryptionKeys__{nodeId}) or Node:KeyEncryptionKeyFiles:{nodeId}");
        }

        var path = Path.Combine(nodeDataDirectory, DevelopmentKeyFileName);
        if (!File.Exists(path))
        {
            var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(path, create))
            {
                stream.Write(System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(key)));
            }

            System.Security.Cryptography.CryptographicOperations.ZeroMemory(key);
        }

        return ReadKeyFile(path, path);
    }

    private static byte[] ReadKeyFile(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{what}: key file {path} does not exist");
        }

        return Parse(File.ReadAllText(path).Trim(), what);
    }

    private static byte[] Parse(string text, string what)
    {
        byte[] key;
        try
        {
            // Hex is 64 digits, optionally after 0x; anything else is base64 (whose 44 characters may well begin with "0x").
            var hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && text.Length == 66 ? text[2..] : text;
            key = hex.Length == 64 ? Convert.FromHexString(hex) : Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{what} is neither hex nor base64");
        }

        return key.Length == 32 ? key : throw new InvalidOperationException($"{what} must be 32 bytes (AES-256)");
    }
}
