using Prometheus;

namespace MpcWallet.Infrastructure.Outbox;

/// <summary>The outbox's Prometheus metrics, labelled by store (a module's schema: bounded by the modules).</summary>
internal static class OutboxMetrics
{
    public static readonly Gauge BacklogRows = Metrics.CreateGauge(
        "mpcwallet_outbox_backlog_rows", "Outbox rows committed and not yet published to the broker.", "store");

    public static readonly Gauge OldestUnsentAge = Metrics.CreateGauge(
        "mpcwallet_outbox_oldest_unsent_age_seconds", "Age of the oldest outbox row not yet published (0 when none).", "store");

    public static readonly Counter UnpublishableRows = Metrics.CreateCounter(
        "mpcwallet_outbox_unpublishable_rows_total", "Outbox rows this process cannot publish (unknown message type or unreadable payload); left unsent for an operator.", "store");
}
