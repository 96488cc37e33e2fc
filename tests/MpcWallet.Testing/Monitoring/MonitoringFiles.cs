using System.Text.Json;
using System.Text.RegularExpressions;
using MpcWallet.Testing.Processes;

namespace MpcWallet.Testing.Monitoring;

/// <summary>
/// docker/'s monitoring files as the tests read them: the alert rules' and the dashboard's PromQL expressions, and the
/// metric names those expressions refer to.
/// </summary>
public static partial class MonitoringFiles
{
    public static string Directory => Path.Combine(RepositoryFiles.Root(), "docker");

    public static string AlertRules => Path.Combine(Directory, "prometheus", "alerts.yml");

    public static string AlertRuleTests => Path.Combine(Directory, "prometheus", "alerts.test.yml");

    public static string PrometheusConfig => Path.Combine(Directory, "prometheus", "prometheus.yml");

    public static string Dashboard => Path.Combine(Directory, "grafana", "dashboards", "mpcwallet.json");

    public static string DatasourceProvisioning => Path.Combine(Directory, "grafana", "provisioning", "datasources", "prometheus.yml");

    /// <summary>Each alert's <c>expr</c> (one line each; a rule without a one-line expression fails here).</summary>
    public static IReadOnlyList<string> AlertExpressions()
    {
        var text = File.ReadAllText(AlertRules);
        var alerts = AlertLine().Count(text);
        var expressions = ExprLine().Matches(text).Select(m => m.Groups[1].Value.Trim()).ToArray();
        if (alerts == 0 || expressions.Length != alerts)
        {
            throw new InvalidOperationException($"{AlertRules}: {alerts} alerts but {expressions.Length} one-line expressions");
        }

        return expressions;
    }

    /// <summary>Every target expression of every dashboard panel.</summary>
    public static IReadOnlyList<string> DashboardExpressions()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Dashboard));
        return document.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString() ?? "")
            .ToArray();
    }

    /// <summary>
    /// The metric names a PromQL expression selects: identifiers left after removing strings, label matchers, ranges,
    /// grouping clauses, function calls and keywords.
    /// </summary>
    public static IReadOnlySet<string> MetricNames(string expression)
    {
        var text = StringLiteral().Replace(expression, "\"\"");
        text = Braces().Replace(text, " ");
        text = Range().Replace(text, " ");
        text = Grouping().Replace(text, " ");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match token in Identifier().Matches(text))
        {
            var rest = text[(token.Index + token.Length)..].TrimStart();
            if (!rest.StartsWith('(') && !Keywords.Contains(token.Value))
            {
                names.Add(token.Value);
            }
        }

        return names;
    }

    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left", "group_right", "inf", "nan",
    };

    [GeneratedRegex(@"^\s*-\s*alert:", RegexOptions.Multiline)]
    private static partial Regex AlertLine();

    [GeneratedRegex(@"^\s*expr:\s*(.+)$", RegexOptions.Multiline)]
    private static partial Regex ExprLine();

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Braces();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Range();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"(?<![\w.])[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex Identifier();
}
