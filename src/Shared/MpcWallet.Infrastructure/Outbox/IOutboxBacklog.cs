namespace MpcWallet.Infrastructure.Outbox;

/// <summary>One module's outbox as the operators' views see it (every module's dispatcher is one; the host lists them).</summary>
public interface IOutboxBacklog
{
    string Store { get; }

    Task<OutboxBacklog> ReadBacklogAsync(CancellationToken cancellationToken);
}
