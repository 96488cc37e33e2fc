namespace MpcWallet.Coordinator.Work;

/// <summary>How accepted requests of one kind are run to their end (<see cref="WorkRunner"/> runs them under their lease).</summary>
internal interface IWorkRun
{
    WorkKind Kind { get; }

    /// <summary>Runs the request until it is final, or until <paramref name="cancellationToken"/> (shutdown, or its lease was lost).</summary>
    Task ExecuteAsync(string id, CancellationToken cancellationToken);
}
