using System.Security.Cryptography;
using MpcWallet.Mpc.Protocol;

namespace MpcWallet.Mpc.Channel;

/// <summary>
/// Direction keys of one session, from the X25519 agreement of this node's ephemeral key with each peer's ephemeral
/// key (verified offers, see <see cref="SessionKeyAgreement"/>). Serves that session only. <see cref="Dispose"/> erases
/// the pair secrets; with the ephemeral private key already gone, nothing can re-derive the keys afterwards (forward
/// secrecy: the identity keys alone do not open recorded traffic).
/// </summary>
internal sealed class SessionDirectionKeys : IDirectionKeys
{
    private readonly SessionId _session;
    private readonly int _self;
    private readonly PeerDirectory _directory;
    private readonly Dictionary<int, byte[]> _ephemeralKeys;
    private readonly Dictionary<int, byte[]> _pairSecrets;
    private readonly Lock _lock = new();
    private bool _erased;

    /// <param name="ephemeralKeys">Every party's ephemeral public key, own included.</param>
    /// <param name="pairSecrets">Per peer: X25519(own ephemeral private key, peer ephemeral public key); owned and erased.</param>
    public SessionDirectionKeys(SessionId session, int self, PeerDirectory directory, Dictionary<int, byte[]> ephemeralKeys, Dictionary<int, byte[]> pairSecrets)
    {
        _session = session;
        _self = self;
        _directory = directory;
        _ephemeralKeys = ephemeralKeys;
        _pairSecrets = pairSecrets;
    }

    public void Derive(SessionId sessionId, int sender, int recipient, Span<byte> key)
    {
        if (sessionId != _session)
        {
            throw new ArgumentException($"these keys serve session {_session} only", nameof(sessionId));
        }

        var peer = sender == _self ? recipient : sender;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_erased, this);
            DirectKeySchedule.DeriveSessionKey(
                _pairSecrets[peer], sessionId,
                sender, _directory[sender], _ephemeralKeys[sender],
                recipient, _directory[recipient], _ephemeralKeys[recipient],
                key);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var secret in _pairSecrets.Values)
            {
                CryptographicOperations.ZeroMemory(secret);
            }

            _pairSecrets.Clear();
            _erased = true;
        }
    }
}
