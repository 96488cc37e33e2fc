using System.Text.RegularExpressions;

namespace MpcWallet.ArchitectureTests;

/// <summary>
/// One naming convention for the test suites: every class that xUnit runs (concrete, with facts or theories of its own
/// or inherited) is named <c>…Tests</c>, whether it checks one type or a whole scenario. Read from the sources, so it
/// covers every test project without loading them.
/// </summary>
public sealed partial class TestNamingTests
{
    [Fact]
    public void Every_test_class_is_named_Tests()
    {
        var tests = Path.Combine(RepositoryRoot(), "tests");
        var sources = Directory.EnumerateFiles(tests, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (File: f, Text: File.ReadAllText(f)))
            .ToArray();
        Assert.NotEmpty(sources);

        // Abstract suites hold facts that concrete classes run; a concrete class deriving from one runs them too.
        var suites = sources.Where(s => TestAttribute().IsMatch(s.Text))
            .SelectMany(s => ClassDeclaration().Matches(s.Text).Where(m => m.Groups["abstract"].Success).Select(m => m.Groups["name"].Value))
            .ToHashSet(StringComparer.Ordinal);
        var misnamed = new List<string>();
        foreach (var (file, text) in sources)
        {
            foreach (Match declaration in ClassDeclaration().Matches(text))
            {
                var name = declaration.Groups["name"].Value;
                var runsTests = TestAttribute().IsMatch(text) || (declaration.Groups["base"].Success && suites.Contains(declaration.Groups["base"].Value));
                if (runsTests && !declaration.Groups["abstract"].Success && !name.EndsWith("Tests", StringComparison.Ordinal))
                {
                    misnamed.Add($"{Path.GetRelativePath(tests, file)}: {name}");
                }
            }
        }

        Assert.True(misnamed.Count == 0, "test classes not named …Tests:\n" + string.Join("\n", misnamed));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MpcWallet.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("no MpcWallet.sln above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\[(Fact|Theory)\b")]
    private static partial Regex TestAttribute();

    // Top-level and nested classes alike; records and helper classes in a test file count only if the file has tests.
    [GeneratedRegex(@"^\s*(public|internal)\s+(sealed\s+)?(?<abstract>abstract\s+)?(partial\s+)?class\s+(?<name>\w+)(\s*\([^)]*\))?(\s*:\s*(?<base>\w+))?", RegexOptions.Multiline)]
    private static partial Regex ClassDeclaration();
}
