using System.Security.Cryptography;
using MpcWallet.Mpc.Protocol;

namespace MpcWallet.Mpc.Channel;

/// <summary>
/// Direction keys from the two identities' static X25519 keys: no forward secrecy (a stolen identity key opens every
/// recorded direct message of that node) and nonce uniqueness across restarts rests on never re-entering a session.
/// Kept only for callers that do not exchange <see cref="SessionKeyOffer"/>s yet; see docs/channel.md.
/// </summary>
internal sealed class StaticDirectionKeys(NodeIdentity identity, int self, PeerDirectory directory) : IDirectionKeys
{
    private readonly Dictionary<int, byte[]> _sharedSecrets = [];
    private readonly Lock _lock = new();
    private bool _disposed;

    public void Derive(SessionId sessionId, int sender, int recipient, Span<byte> key)
    {
        var peer = sender == self ? recipient : sender;
        DirectKeySchedule.DeriveKey(SharedSecretWith(peer), sessionId, sender, directory[sender], recipient, directory[recipient], key);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var secret in _sharedSecrets.Values)
            {
                CryptographicOperations.ZeroMemory(secret);
            }

            _sharedSecrets.Clear();
            _disposed = true;
        }
    }

    private byte[] SharedSecretWith(int peer)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_sharedSecrets.TryGetValue(peer, out var secret))
            {
                secret = new byte[32];
                identity.Agree(directory[peer], secret);
                _sharedSecrets[peer] = secret;
            }

            return secret;
        }
    }
}
