using System.Security.Cryptography;
using System.Text;

namespace MpcWallet.Infrastructure.Authentication;

/// <summary>Resolves a presented key to its tenant and roles by comparing SHA-256 hashes in constant time.</summary>
public sealed class ApiKeyDirectory
{
    private readonly IReadOnlyList<(byte[] Hash, ApiKeyHolder Holder)> _keys;

    public ApiKeyDirectory(ApiKeyOptions options)
    {
        _keys = options.ApiKeys
            .Where(k => !string.IsNullOrWhiteSpace(k.Tenant) && (!string.IsNullOrEmpty(k.Key) || !string.IsNullOrEmpty(k.KeyHash)))
            .Select(k => (k.KeyHash is { Length: > 0 } hash ? ParseHash(hash) : HashOf(k.Key!), new ApiKeyHolder(k.Tenant, RolesOf(k))))
            .ToArray();
    }

    public int Count => _keys.Count;

    /// <summary>Who holds <paramref name="presentedKey"/>; null for an unknown key. Every entry is compared (no early exit).</summary>
    public ApiKeyHolder? HolderOf(string presentedKey)
    {
        var hash = HashOf(presentedKey);
        ApiKeyHolder? holder = null;
        foreach (var (expected, owner) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(expected, hash))
            {
                holder = owner;
            }
        }

        return holder;
    }

    public static byte[] HashOf(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static IReadOnlyList<string> RolesOf(ApiKeyEntry key)
    {
        foreach (var role in key.Roles)
        {
            if (!ApiKeyRoles.Known.Contains(role, StringComparer.Ordinal))
            {
                throw new InvalidOperationException($"Auth:ApiKeys: the {key} has the unknown role '{role}' (known: {string.Join(", ", ApiKeyRoles.Known)})");
            }
        }

        return key.Roles.Distinct(StringComparer.Ordinal).ToArray();
    }

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
