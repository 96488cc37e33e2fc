using System.Security.Cryptography;
using System.Text;

namespace MpcWallet.Infrastructure.Authentication;

/// <summary>Resolves a presented key to its tenant by comparing SHA-256 hashes in constant time.</summary>
public sealed class ApiKeyDirectory
{
    private readonly IReadOnlyList<(byte[] Hash, string Tenant)> _keys;

    public ApiKeyDirectory(ApiKeyOptions options)
    {
        _keys = options.ApiKeys
            .Where(k => !string.IsNullOrWhiteSpace(k.Tenant) && (!string.IsNullOrEmpty(k.Key) || !string.IsNullOrEmpty(k.KeyHash)))
            .Select(k => (k.KeyHash is { Length: > 0 } hash ? ParseHash(hash) : HashOf(k.Key!), k.Tenant))
            .ToArray();
    }

    public int Count => _keys.Count;

    public string? TenantOf(string presentedKey)
    {
        var hash = HashOf(presentedKey);
        string? tenant = null;
        foreach (var (expected, owner) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(expected, hash))
            {
                tenant = owner;
            }
        }

        return tenant;
    }

    public static byte[] HashOf(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static byte[] ParseHash(string hex)
    {
        try
        {
            var bytes = Convert.FromHexString(hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex);
            if (bytes.Length == 32)
            {
                return bytes;
            }
        }
        catch (FormatException)
        {
        }

        throw new InvalidOperationException("Auth:ApiKeys:*:KeyHash must be the hex SHA-256 of the key (64 hex digits)");
    }
}
