using System.Text.RegularExpressions;

namespace MpcWallet.EndToEndTests.ApiContract;

/// <summary>
/// What docs/api.md (the REST contract wallet apps code against) fixes, read from the document itself: its
/// endpoints (method and path) and, per section, the member names of the request bodies and resources it shows.
/// </summary>
public sealed partial class ApiMarkdown
{
    private ApiMarkdown(IReadOnlyList<(string Method, string Path)> endpoints, IReadOnlyDictionary<string, Shapes> sections)
    {
        Endpoints = endpoints;
        Sections = sections;
    }

    public IReadOnlyList<(string Method, string Path)> Endpoints { get; }

    /// <summary>By section title ("Wallets (a distributed key)" → "Wallets").</summary>
    public IReadOnlyDictionary<string, Shapes> Sections { get; }

    public static ApiMarkdown Read(string path)
    {
        var text = File.ReadAllText(path);
        var endpoints = EndpointPattern().Matches(text).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).Distinct().ToArray();
        var sections = new Dictionary<string, Shapes>();
        Shapes? current = null;
        var next = BlockKind.None;
        var inBlock = false;
        var block = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                current = new Shapes();
                sections[line[3..].Split(' ')[0].Trim()] = current;
                continue;
            }

            if (current is null)
            {
                continue;
            }

            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                if (inBlock)
                {
                    var json = string.Join("\n", block);
                    (next == BlockKind.Request ? current.Request : current.Resource).UnionWith(TopLevelKeys(json, current));
                    block.Clear();
                    next = BlockKind.None;
                }

                inBlock = !inBlock;
                continue;
            }

            if (inBlock)
            {
                block.Add(line);
                continue;
            }

            if (line.Contains("resource:", StringComparison.Ordinal))
            {
                next = BlockKind.Resource;
            }
            else if (line.Contains("`POST ", StringComparison.Ordinal) && line.TrimEnd().EndsWith("body", StringComparison.Ordinal))
            {
                next = BlockKind.Request;
            }

            foreach (Match inline in InlineJsonPattern().Matches(line))
            {
                var isRequest = line.Contains("`POST ", StringComparison.Ordinal) || line.TrimStart().StartsWith("- `{", StringComparison.Ordinal);
                (isRequest ? current.Request : current.List).UnionWith(TopLevelKeys(inline.Groups[1].Value, current));
            }
        }

        return new ApiMarkdown(endpoints, sections);
    }

    /// <summary>Member names of the outermost object; nested objects' names go to <see cref="Shapes.Nested"/> under their member.</summary>
    private static HashSet<string> TopLevelKeys(string json, Shapes shapes)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var depth = 0;
        string? lastKey = null;
        var nestedOwner = new Stack<string?>();
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (c == '"')
            {
                var end = json.IndexOf('"', i + 1);
                var name = json[(i + 1)..end];
                var after = json[(end + 1)..].TrimStart();
                i = end;
                if (after.StartsWith(':'))
                {
                    if (depth == 1)
                    {
                        keys.Add(name);
                    }
                    else if (nestedOwner.Count > 0 && nestedOwner.Peek() is { } owner)
                    {
                        if (!shapes.Nested.TryGetValue(owner, out var set))
                        {
                            shapes.Nested[owner] = set = new HashSet<string>(StringComparer.Ordinal);
                        }

                        set.Add(name);
                    }

                    lastKey = name;
                }
            }
            else if (c == '{')
            {
                depth++;
                nestedOwner.Push(depth == 1 ? null : lastKey);
            }
            else if (c == '}')
            {
                depth--;
                nestedOwner.Pop();
            }
        }

        return keys;
    }

    [GeneratedRegex(@"`(GET|POST|PUT|PATCH|DELETE) (/v1/[^`?\s]*)")]
    private static partial Regex EndpointPattern();

    [GeneratedRegex(@"`(\{[^`]*\})`")]
    private static partial Regex InlineJsonPattern();

    private enum BlockKind
    {
        None,
        Request,
        Resource,
    }

    /// <summary>The member names one section shows.</summary>
    public sealed class Shapes
    {
        public HashSet<string> Request { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Resource { get; } = new(StringComparer.Ordinal);

        /// <summary>Members of a list answer (<c>items</c>, <c>nextCursor</c>).</summary>
        public HashSet<string> List { get; } = new(StringComparer.Ordinal);

        /// <summary>Members of nested objects, by the member holding them (e.g. <c>attempts</c>, <c>items</c>).</summary>
        public Dictionary<string, HashSet<string>> Nested { get; } = new(StringComparer.Ordinal);
    }
}
