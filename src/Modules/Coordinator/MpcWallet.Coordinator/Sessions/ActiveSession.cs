using System.Collections.Concurrent;
using MpcWallet.Contracts.PartialSignatures;
using MpcWallet.Contracts.StateSync;

namespace MpcWallet.Coordinator.Sessions;

/// <summary>
/// A session the coordinator is driving: who takes part, what each participant has reported so far (each at most
/// once), and the outcome the orchestrator awaits.
/// </summary>
internal sealed class ActiveSession(string key, SessionPurpose purpose, string resourceId, IReadOnlyList<string> participants)
{
    private readonly ConcurrentDictionary<string, PartialSignatureSubmitted> _partials = new();
    private readonly ConcurrentDictionary<string, KeyShareStored> _keyReports = new();
    private readonly TaskCompletionSource<SessionOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Key { get; } = key;

    public SessionPurpose Purpose { get; } = purpose;

    public string ResourceId { get; } = resourceId;

    public IReadOnlyList<string> Participants { get; } = participants;

    public Task<SessionOutcome> Outcome => _outcome.Task;

    public IReadOnlyCollection<PartialSignatureSubmitted> Partials => _partials.Values.ToArray();

    public IReadOnlyCollection<KeyShareStored> KeyReports => _keyReports.Values.ToArray();

    public IReadOnlyList<string> Silent => Participants.Where(p => !_partials.ContainsKey(p) && !_keyReports.ContainsKey(p)).ToArray();

    /// <summary>False for a duplicate (second report from the same node).</summary>
    public bool AddPartial(PartialSignatureSubmitted partial)
    {
        if (Purpose != SessionPurpose.Signing || !_partials.TryAdd(partial.Node, partial))
        {
            return false;
        }

        if (_partials.Count == Participants.Count)
        {
            _outcome.TrySetResult(SessionOutcome.Success);
        }

        return true;
    }

    public bool AddKeyReport(KeyShareStored report)
    {
        if (Purpose != SessionPurpose.KeyGeneration || !_keyReports.TryAdd(report.Node, report))
        {
            return false;
        }

        if (_keyReports.Count == Participants.Count)
        {
            _outcome.TrySetResult(SessionOutcome.Success);
        }

        return true;
    }

    public void Fail(string reason, params string[] suspects) => _outcome.TrySetResult(SessionOutcome.Failed(reason, suspects));
}
