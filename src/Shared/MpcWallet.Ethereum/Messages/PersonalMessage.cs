using System.Globalization;
using System.Text;
using MpcWallet.Ethereum.Hashing;

namespace MpcWallet.Ethereum.Messages;

/// <summary>
/// EIP-191 version 0x45 (personal_sign): keccak256("\x19Ethereum Signed Message:\n" + decimal byte length + message).
/// The length is the byte count (UTF-8 for text); hex input to personal_sign must be decoded to bytes first.
/// </summary>
public static class PersonalMessage
{
    private const string Prefix = "\u0019Ethereum Signed Message:\n";

    public static byte[] Hash(ReadOnlySpan<byte> message)
    {
        var header = Encoding.ASCII.GetBytes(Prefix + message.Length.ToString(CultureInfo.InvariantCulture));
        return Keccak256.HashConcatenation(header, message.ToArray());
    }

    /// <summary>Hashes the UTF-8 bytes of <paramref name="text"/> (not a hex decoding of it).</summary>
    public static byte[] Hash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Hash(Encoding.UTF8.GetBytes(text));
    }
}
