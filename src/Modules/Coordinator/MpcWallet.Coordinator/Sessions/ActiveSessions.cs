using System.Collections.Concurrent;
using MpcWallet.Coordinator.Monitoring;
using MpcWallet.Coordinator.Nodes;

namespace MpcWallet.Coordinator.Sessions;

/// <summary>The sessions in flight, by session id; a node going offline fails every session it takes part in.</summary>
internal sealed class ActiveSessions
{
    private readonly ConcurrentDictionary<string, ActiveSession> _sessions = new();

    public ActiveSessions(NodeRegistry registry) =>
        registry.WentOffline += node =>
        {
            foreach (var session in _sessions.Values.Where(s => s.Participants.Contains(node)))
            {
                session.Fail($"node {node} went offline during the session", node);
            }
        };

    /// <summary>Reports that matched no running session (late, replayed or foreign), for diagnostics.</summary>
    public long Ignored => Interlocked.Read(ref _ignored);

    private long _ignored;

    public void Add(ActiveSession session) => _sessions[session.Key] = session;

    public void Remove(string key) => _sessions.TryRemove(key, out _);

    public ActiveSession? Find(string key) => _sessions.TryGetValue(key, out var session) ? session : null;

    public void CountIgnored()
    {
        Interlocked.Increment(ref _ignored);
        CoordinatorMetrics.IgnoredReports.Inc();
    }
}
