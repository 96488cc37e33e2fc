using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MpcWallet.Infrastructure.Http;
using MpcWallet.Infrastructure.Messaging;
using MpcWallet.Infrastructure.Outbox;

namespace MpcWallet.Infrastructure.Operations;

/// <summary>
/// The operators' view of what every module shares (written once, here): outbox backlogs and fault queues. Mapped by
/// the host on the admin group, beside the modules' own admin views.
/// </summary>
public static class QueueEndpoints
{
    public static void Map(RouteGroupBuilder admin) =>
        admin.MapGet("/queues", async (IEnumerable<IOutboxBacklog> outboxes, ErrorQueues errorQueues, CancellationToken cancellationToken) =>
            {
                var backlogs = new List<OutboxBacklog>();
                foreach (var outbox in outboxes)
                {
                    backlogs.Add(await outbox.ReadBacklogAsync(cancellationToken));
                }

                return Results.Ok(new QueuesView(backlogs, await errorQueues.ReadAsync(cancellationToken)));
            })
            .Produces<QueuesView>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesCommonProblems()
            .WithName("AdminQueues");
}
