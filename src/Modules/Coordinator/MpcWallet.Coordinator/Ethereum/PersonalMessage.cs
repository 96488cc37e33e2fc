using System.Text;

namespace MpcWallet.Coordinator.Ethereum;

/// <summary>EIP-191 version 0x45 (personal_sign): Keccak-256("\x19Ethereum Signed Message:\n" ‖ decimal length ‖ message).</summary>
internal static class PersonalMessage
{
    public static byte[] Hash(ReadOnlySpan<byte> message)
    {
        var prefix = Encoding.ASCII.GetBytes($"\u0019Ethereum Signed Message:\n{message.Length}");
        var buffer = new byte[prefix.Length + message.Length];
        prefix.CopyTo(buffer, 0);
        message.CopyTo(buffer.AsSpan(prefix.Length));
        return Keccak.Hash256(buffer);
    }
}
