using System.Text;
using Org.BouncyCastle.Asn1.Sec;

namespace MpcWallet.Coordinator.Ethereum;

/// <summary>Address = last 20 bytes of Keccak-256 of the uncompressed public key (x ‖ y), spelled per EIP-55.</summary>
internal static class EthereumAddress
{
    private static readonly Org.BouncyCastle.Asn1.X9.X9ECParameters Curve = SecNamedCurves.GetByName("secp256k1");

    public static string FromPublicKey(byte[] compressedPublicKey)
    {
        var uncompressed = Curve.Curve.DecodePoint(compressedPublicKey).GetEncoded(false);
        var hash = Keccak.Hash256(uncompressed.AsSpan(1));
        return Checksummed(Convert.ToHexStringLower(hash.AsSpan(12)));
    }

    /// <summary>EIP-55: a hex letter is upper case where the matching nibble of Keccak(lowercase hex) is ≥ 8.</summary>
    public static string Checksummed(string lowercaseHex)
    {
        var hash = Keccak.Hash256(Encoding.ASCII.GetBytes(lowercaseHex));
        var result = new StringBuilder("0x", 42);
        for (var i = 0; i < lowercaseHex.Length; i++)
        {
            var nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0x0f;
            result.Append(nibble >= 8 ? char.ToUpperInvariant(lowercaseHex[i]) : lowercaseHex[i]);
        }

        return result.ToString();
    }
}
