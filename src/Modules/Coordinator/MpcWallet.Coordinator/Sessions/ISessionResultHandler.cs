using MpcWallet.Coordinator.Persistence;

namespace MpcWallet.Coordinator.Sessions;

/// <summary>
/// What a completed session's result does to the request it served, one handler per purpose (key generation activates
/// the wallet, signing finalizes the signature; refresh, reshare and presigning add theirs). Called by
/// <see cref="SessionCompletion"/> once every participant reported, on whichever coordinator stored the last report;
/// it ends the session itself, through <see cref="SessionLedger.CompleteAsync"/> (with its result, in one transaction)
/// or <see cref="SessionLedger.FailAsync"/>.
/// </summary>
internal interface ISessionResultHandler
{
    SessionPurpose Purpose { get; }

    /// <param name="reports">One per participant, in the session's participant order.</param>
    Task<SessionOutcome> CompleteAsync(SessionRecord session, IReadOnlyList<SessionReportRecord> reports, CancellationToken cancellationToken);
}
