namespace MpcWallet.Mpc.Protocol;

/// <summary>The message bodies of one round, keyed by sender, split into broadcast and direct (point-to-point).</summary>
public sealed class RoundInbox
{
    private readonly Dictionary<int, byte[]> _broadcasts = [];
    private readonly Dictionary<int, byte[]> _direct = [];

    public IReadOnlyDictionary<int, byte[]> Broadcasts => _broadcasts;

    public IReadOnlyDictionary<int, byte[]> Direct => _direct;

    internal bool TryAdd(int from, bool broadcast, byte[] body) =>
        (broadcast ? _broadcasts : _direct).TryAdd(from, body);

    internal bool IsComplete(int expectedBroadcasts, int expectedDirect) =>
        _broadcasts.Count == expectedBroadcasts && _direct.Count == expectedDirect;

    internal void Clear()
    {
        foreach (var body in _broadcasts.Values.Concat(_direct.Values))
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(body);
        }

        _broadcasts.Clear();
        _direct.Clear();
    }
}

/// <summary>Which kinds of message every other participant sends in a round.</summary>
[Flags]
public enum RoundShape
{
    None = 0,
    Broadcast = 1,
    Direct = 2,
}
