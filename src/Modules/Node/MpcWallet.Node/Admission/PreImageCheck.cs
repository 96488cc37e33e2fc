using System.Security.Cryptography;
using MpcWallet.Ethereum.Signing;
using MpcWallet.Node.Security;
using MpcWallet.Node.Sessions;

namespace MpcWallet.Node.Admission;

/// <summary>
/// A signing command must say what it signs, and the node checks it rather than trusting the coordinator: the digest
/// is recomputed from the pre-image (an unsigned EIP-1559 transaction, a personal message, typed data) and must equal
/// the command's, and a raw digest — whose pre-image nobody can check — is signed only for a wallet whose policy
/// (fixed at key generation, sealed with the share) allows it. A refusal is <see cref="SessionRefusal.Command"/>:
/// every node checks the same, so no other quorum would sign it.
/// </summary>
internal static class PreImageCheck
{
    /// <summary>Refuses a command whose pre-image is missing, malformed or hashes to another digest.</summary>
    public static void Verify(string nodeId, string walletId, ReadOnlySpan<byte> digest, SigningPreImage? preImage)
    {
        if (preImage is null)
        {
            throw Refused($"node {nodeId} refuses to sign for wallet {walletId}: the command carries no pre-image (what is signed)");
        }

        byte[] computed;
        try
        {
            computed = preImage.Digest();
        }
        catch (SigningPreImageException e)
        {
            throw Refused($"node {nodeId} refuses to sign for wallet {walletId}: the {Name(preImage.Kind)} pre-image is malformed: {e.Message}");
        }

        if (!CryptographicOperations.FixedTimeEquals(computed, digest))
        {
            throw Refused(
                $"node {nodeId} refuses to sign for wallet {walletId}: the {Name(preImage.Kind)} pre-image hashes to 0x{Convert.ToHexStringLower(computed)}, not to the command's digest 0x{Convert.ToHexStringLower(digest)}");
        }
    }

    /// <summary>Refuses a raw digest on a wallet whose policy does not allow them.</summary>
    public static void Allow(string nodeId, string walletId, SigningPreImage preImage, KeyPolicy policy)
    {
        if (preImage.Kind == SigningPreImageKind.RawDigest && !policy.AllowRawDigest)
        {
            throw Refused($"node {nodeId} refuses to sign for wallet {walletId}: the wallet does not allow raw digests (its policy, fixed at key generation); sign a transaction, personal message or typed data");
        }
    }

    private static SessionRefusedException Refused(string message) => new(message, SessionRefusal.Command, null);

    private static string Name(SigningPreImageKind kind) => kind switch
    {
        SigningPreImageKind.Eip1559Transaction => "EIP-1559 transaction",
        SigningPreImageKind.PersonalMessage => "personal message",
        SigningPreImageKind.TypedData => "typed data",
        _ => "raw digest",
    };
}
