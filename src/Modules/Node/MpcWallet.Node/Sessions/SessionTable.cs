using System.Collections.Concurrent;

namespace MpcWallet.Node.Sessions;

/// <summary>
/// One node's sessions in memory: those running (prepared or started) and, for a while, the keys of those that
/// ended, so a late round message is counted as late rather than unknown and a session id is never joined twice.
/// Ending a session takes it out at once; its secrets are erased once no step is running on it (see <see cref="Forget"/>).
/// </summary>
internal sealed class SessionTable(TimeSpan rememberFinished)
{
    private readonly ConcurrentDictionary<string, NodeSession> _running = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _recentlyFinished = new();

    public int Count => _running.Count;

    /// <summary>A snapshot of the running sessions (any order).</summary>
    public IReadOnlyCollection<NodeSession> Running => _running.Values.ToArray();

    public NodeSession? Find(string key) => _running.TryGetValue(key, out var session) ? session : null;

    public bool IsRunning(string key) => _running.ContainsKey(key);

    public bool FinishedRecently(string key) => _recentlyFinished.ContainsKey(key);

    /// <summary>False when a session with this key is already running.</summary>
    public bool TryAdd(NodeSession session) => _running.TryAdd(session.Key, session);

    /// <summary>
    /// Ends the session here: no further step starts on it (steps re-check <see cref="IsRunning"/> under its gate).
    /// A step already running under the gate may still seal with the session's channel, so the secrets are erased
    /// only after it: the erasure waits for the gate.
    /// </summary>
    public void Forget(NodeSession session)
    {
        session.State = SessionState.Finished;
        _recentlyFinished[session.Key] = DateTimeOffset.UtcNow;
        if (_running.TryRemove(session.Key, out _))
        {
            _ = DisposeWhenIdleAsync(session);
        }
    }

    public void ForgetAll()
    {
        foreach (var session in _running.Values)
        {
            Forget(session);
        }
    }

    /// <summary>Stops remembering sessions that ended longer ago than a session may live.</summary>
    public void PruneFinished(DateTimeOffset now)
    {
        foreach (var (key, at) in _recentlyFinished)
        {
            if (at + rememberFinished < now)
            {
                _recentlyFinished.TryRemove(key, out _);
            }
        }
    }

    private static async Task DisposeWhenIdleAsync(NodeSession session)
    {
        await session.Gate.WaitAsync();
        try
        {
            session.Dispose();
        }
        finally
        {
            session.Gate.Release();
        }
    }
}
