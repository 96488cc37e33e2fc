using System.Text.Json;
using System.Text.RegularExpressions;
using MpcWallet.Testing.Monitoring;

namespace MpcWallet.DeploymentTests.Monitoring;

/// <summary>
/// docker/'s monitoring files as Prometheus and Grafana would load them: promtool checks the rules and the scrape
/// configuration and runs the rules' unit tests (docker/prometheus/alerts.test.yml: each alert fires on what it is
/// about); the dashboard is valid JSON whose every panel queries the provisioned Prometheus datasource with a PromQL
/// expression promtool accepts. (That every metric they name is exported: EndToEndTests' ExportedMetricsTests.)
/// </summary>
public sealed partial class MonitoringConfigurationTests
{
    [Fact]
    public async Task Promtool_accepts_the_alert_rules_and_the_scrape_configuration()
    {
        var rules = await Promtool.RunAsync(MonitoringFiles.Directory, "check", "rules", MonitoringFiles.AlertRules);
        Assert.True(rules.ExitCode == 0, rules.Output);
        Assert.Contains("SUCCESS", rules.Output, StringComparison.Ordinal);

        var config = await Promtool.RunAsync(Path.GetDirectoryName(MonitoringFiles.PrometheusConfig)!, "check", "config", MonitoringFiles.PrometheusConfig);
        Assert.True(config.ExitCode == 0, config.Output);
    }

    [Fact]
    public async Task Each_alert_fires_on_its_condition_in_promtool_unit_tests()
    {
        var run = await Promtool.RunAsync(Path.GetDirectoryName(MonitoringFiles.AlertRuleTests)!, "test", "rules", MonitoringFiles.AlertRuleTests);
        Assert.True(run.ExitCode == 0, run.Output);

        // The issue's alerts are each exercised there.
        var tests = await File.ReadAllTextAsync(MonitoringFiles.AlertRuleTests);
        foreach (var alert in new[] { "MpcNodeOffline", "MpcWalletsBelowQuorumMargin", "MpcSigningSlow", "MpcErrorQueueNotEmpty", "MpcTransactionsStuck", "MpcOutboxBacklog" })
        {
            Assert.Matches($@"alertname: {alert}\s+exp_alerts:\s+- exp_labels", tests);
        }
    }

    [Fact]
    public async Task Promtool_refuses_a_broken_rule_so_the_checks_above_can_fail()
    {
        var directory = Directory.CreateTempSubdirectory("mpcwallet-promtool-").FullName;
        try
        {
            var broken = Path.Combine(directory, "broken.yml");
            await File.WriteAllTextAsync(broken, "groups:\n  - name: broken\n    rules:\n      - alert: Broken\n        expr: sum(rate(mpcwallet_signature_duration_seconds_count[5m]) > \n");
            var run = await Promtool.RunAsync(directory, "check", "rules", broken);
            Assert.NotEqual(0, run.ExitCode);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Every_dashboard_panel_queries_the_provisioned_datasource_with_valid_promql()
    {
        var datasourceUid = DatasourceUid().Match(await File.ReadAllTextAsync(MonitoringFiles.DatasourceProvisioning)).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(datasourceUid), "the provisioned datasource has a fixed uid");
        Assert.Contains("path: /var/lib/grafana/dashboards", await File.ReadAllTextAsync(Path.Combine(MonitoringFiles.Directory, "grafana", "provisioning", "dashboards", "mpcwallet.yml")), StringComparison.Ordinal);

        using var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(MonitoringFiles.Dashboard));
        var root = dashboard.RootElement;
        Assert.False(string.IsNullOrEmpty(root.GetProperty("uid").GetString()));
        Assert.False(string.IsNullOrEmpty(root.GetProperty("title").GetString()));
        var panels = root.GetProperty("panels").EnumerateArray().ToArray();
        Assert.True(panels.Length >= 8, $"{panels.Length} panels");
        Assert.Equal(panels.Length, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());

        var recordingRules = new List<string>();
        foreach (var panel in panels)
        {
            var title = panel.GetProperty("title").GetString();
            Assert.False(string.IsNullOrEmpty(title));
            Assert.False(string.IsNullOrEmpty(panel.GetProperty("type").GetString()), title);
            var grid = panel.GetProperty("gridPos");
            Assert.True(grid.GetProperty("w").GetInt32() > 0 && grid.GetProperty("h").GetInt32() > 0, title);
            Assert.Equal("prometheus", panel.GetProperty("datasource").GetProperty("type").GetString());
            Assert.Equal(datasourceUid, panel.GetProperty("datasource").GetProperty("uid").GetString());
            var targets = panel.GetProperty("targets").EnumerateArray().ToArray();
            Assert.NotEmpty(targets);
            Assert.Equal(targets.Length, targets.Select(t => t.GetProperty("refId").GetString()).Distinct().Count());
            foreach (var target in targets)
            {
                var expr = target.GetProperty("expr").GetString();
                Assert.False(string.IsNullOrWhiteSpace(expr), $"panel '{title}' has a target without an expression");
                Assert.NotEmpty(MonitoringFiles.MetricNames(expr!));
                recordingRules.Add($"      - record: dashboard:panel_{panel.GetProperty("id").GetInt32()}:{target.GetProperty("refId").GetString()}\n        expr: '{expr!.Replace("'", "''", StringComparison.Ordinal)}'");
            }
        }

        // promtool parses every expression (as recording rules): a typo in a panel's PromQL fails here.
        var directory = Directory.CreateTempSubdirectory("mpcwallet-dashboard-").FullName;
        try
        {
            var file = Path.Combine(directory, "dashboard-expressions.yml");
            await File.WriteAllTextAsync(file, "groups:\n  - name: dashboard\n    rules:\n" + string.Join("\n", recordingRules) + "\n");
            var run = await Promtool.RunAsync(directory, "check", "rules", file);
            Assert.True(run.ExitCode == 0, run.Output);
            Assert.Contains($"{recordingRules.Count} rules found", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Metric_names_are_read_from_promql_as_prometheus_would_select_them()
    {
        Assert.Equal(
            ["mpcwallet_signature_duration_seconds_bucket"],
            MonitoringFiles.MetricNames("histogram_quantile(0.95, sum by (le) (rate(mpcwallet_signature_duration_seconds_bucket{outcome=\"completed\",le!=\"x{y}\"}[5m]))) > 2").Order());
        Assert.Equal(
            ["mpcwallet_node_up", "up"],
            MonitoringFiles.MetricNames("max by (node) (mpcwallet_node_up) == 0 and on (instance) up offset 5m").Order());
        Assert.Equal(8, MonitoringFiles.AlertExpressions().Count(e => e.Contains("mpcwallet_", StringComparison.Ordinal)));
    }

    [GeneratedRegex(@"uid:\s*(\S+)")]
    private static partial Regex DatasourceUid();
}
