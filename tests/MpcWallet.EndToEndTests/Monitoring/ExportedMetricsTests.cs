using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using MassTransit;
using MpcWallet.EndToEndTests.Broker;
using MpcWallet.EndToEndTests.Support;
using MpcWallet.Infrastructure.Messaging;
using MpcWallet.Testing.Monitoring;
using MpcWallet.Testing.Processes;

namespace MpcWallet.EndToEndTests.Monitoring;

/// <summary>
/// The alert rules and the dashboard (docker/) cannot silently refer to nothing: a single host (coordinator, nodes,
/// transaction service) on a private RabbitMQ running RabbitMQ's own exporter (rabbitmq_prometheus) signs once and
/// takes a poison message into an error queue; then every metric name the rules and panels select is in the host's
/// /metrics or the broker's per-queue metrics, and the series the alerts read carry what happened.
/// </summary>
public sealed partial class ExportedMetricsTests
{
    private const string AdminKey = "test-admin-key-metrics-0003";

    [Fact]
    public async Task Every_metric_the_alerts_and_the_dashboard_select_is_exported_after_one_signature()
    {
        await using var broker = await PrivateRabbitMq.StartAsync(withPrometheus: true);
        await using var chain = await AnvilChain.StartAsync();
        await using var host = await TestHost.StartAsync(Backend.InMemorySqlite, extraArgs:
        [
            .. broker.HostArguments,
            "--modules", "coordinator,node,transactions",
            "--Chains:0:ChainId", AnvilChain.ChainId.ToString(CultureInfo.InvariantCulture),
            "--Chains:0:RpcUrl", chain.Endpoint.ToString(),
            "--Auth:ApiKeys:2:Tenant", "operators",
            "--Auth:ApiKeys:2:Key", AdminKey,
            "--Auth:ApiKeys:2:Roles:0", "admin",
        ]);
        using var client = host.Client();
        var wallet = await Api.CreateActiveWalletAsync(client, "metrics");
        var (status, signature, _) = await Api.PostAsync(client, $"/v1/wallets/{wallet.GetProperty("id").GetString()}/signatures", """{"type": "digest", "digest": "0x2222222222222222222222222222222222222222222222222222222222222222"}""", wait: 30);
        Assert.True(status == HttpStatusCode.OK || status == HttpStatusCode.Created, $"{status}: {signature}");
        Assert.Equal("completed", signature.GetProperty("status").GetString());

        // A message no consumer can read goes to signature_requests.coordinator_error.
        await using (var probe = await ChannelProbe.StartAsync(broker.Port, "/"))
        {
            var requests = await probe.Bus.GetSendEndpoint(new Uri($"exchange:{BrokerChannels.SignatureRequests}"));
            await requests.Send(new ChannelSemanticsOnRabbitMqTests.UnreadableSignatureRequest { MessageId = NewId.NextGuid(), SignatureId = [1, 2, 3] });
        }

        using var admin = host.Client(AdminKey);
        var queues = await Eventually.ValueAsync(
            () => admin.GetFromJsonAsync<JsonElement>("/v1/admin/queues"),
            q => q.GetProperty("errorQueues").EnumerateArray().Any(e => e.GetProperty("errorQueue").GetString() == "signature_requests.coordinator_error" && e.GetProperty("messages").GetInt64() == 1),
            TimeSpan.FromSeconds(60),
            "the admin view counts the poison message in signature_requests.coordinator_error");
        Assert.Contains(queues.GetProperty("outboxes").EnumerateArray(), o => o.GetProperty("store").GetString() == "coordinator");
        Assert.Contains(queues.GetProperty("outboxes").EnumerateArray(), o => o.GetProperty("store").GetString() == "transactions");

        using var scraper = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var brokerMetrics = new Uri($"http://127.0.0.1:{broker.PrometheusPort}/metrics/detailed?family=queue_coarse_metrics");
        var referenced = MonitoringFiles.AlertExpressions().Concat(MonitoringFiles.DashboardExpressions()).SelectMany(MonitoringFiles.MetricNames).ToHashSet(StringComparer.Ordinal);
        referenced.Remove("up"); // Prometheus's own per target
        Assert.Contains("mpcwallet_node_up", referenced);
        Assert.Contains("mpcwallet_signature_duration_seconds_bucket", referenced);
        Assert.Contains("rabbitmq_detailed_queue_messages", referenced);

        var (hostText, brokerText) = await Eventually.ValueAsync(
            async () => (await scraper.GetStringAsync(new Uri(host.BaseAddress, "/metrics")), await scraper.GetStringAsync(brokerMetrics)),
            texts => Sample(texts.Item1, "mpcwallet_wallets_active") >= 1 && Sample(texts.Item1, "mpcwallet_outbox_backlog_rows", "store=\"transactions\"") is not null,
            TimeSpan.FromSeconds(30),
            "the cluster and outbox gauges are updated");
        var exported = ExportedNames(hostText).Concat(ExportedNames(brokerText)).ToHashSet(StringComparer.Ordinal);
        var missing = referenced.Where(name => !exported.Contains(name)).Order().ToArray();
        Assert.True(missing.Length == 0, $"named by docker/prometheus/alerts.yml or the dashboard but not exported: {string.Join(", ", missing)}");

        // What the alerts read says what happened. The host's metrics live in prometheus-net's process-wide registry,
        // which every host of this test process (two test classes run at a time) writes to: only what no other host can
        // undo is asserted here. The broker is this test's own; its exporter refreshes its per-queue figures every few
        // seconds, so the poison message is waited for.
        Assert.True(Sample(hostText, "mpcwallet_signature_duration_seconds_count", "outcome=\"completed\"") >= 1, "the signature is counted as completed");
        Assert.NotNull(Sample(hostText, "mpcwallet_node_up", "node=\"node-1\""));
        Assert.NotNull(Sample(hostText, "mpcwallet_transactions_stuck", "chain=\"31337\""));
        await Eventually.TrueAsync(
            async () => Sample(await scraper.GetStringAsync(brokerMetrics), "rabbitmq_detailed_queue_messages", "queue=\"signature_requests.coordinator_error\"") == 1,
            TimeSpan.FromSeconds(60),
            "the broker's exporter counts the poison message in signature_requests.coordinator_error");
    }

    /// <summary>Metric names of the exposition text: every sample's name (histograms give _bucket, _sum and _count).</summary>
    private static IEnumerable<string> ExportedNames(string exposition) =>
        exposition.Split('\n').Where(line => line.Length > 0 && line[0] != '#').Select(line => SampleName().Match(line).Value);

    /// <summary>The value of the first sample of <paramref name="name"/> whose labels contain <paramref name="label"/>.</summary>
    private static double? Sample(string exposition, string name, string? label = null)
    {
        foreach (var line in exposition.Split('\n'))
        {
            if (SampleName().Match(line).Value == name && (label is null || line.Contains(label, StringComparison.Ordinal)))
            {
                return double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    [GeneratedRegex(@"^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex SampleName();
}
