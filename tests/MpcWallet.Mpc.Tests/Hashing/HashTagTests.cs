using MpcWallet.Mpc.Hashing;

namespace MpcWallet.Mpc.Tests.Hashing;

public sealed class HashTagTests
{
    [Fact]
    public void All_tags_are_distinct_and_versioned()
    {
        Assert.True(HashTags.All.Count >= 8);
        Assert.Equal(HashTags.All.Count, HashTags.All.Distinct(StringComparer.Ordinal).Count());
        Assert.All(HashTags.All, tag => Assert.StartsWith("mpcwallet/dkls23/v1/", tag, StringComparison.Ordinal));
    }

    [Fact]
    public void No_tag_is_a_prefix_of_another()
    {
        // Tags are length-framed, but prefix-free names also keep logs and registries unambiguous.
        foreach (var tag in HashTags.All)
        {
            Assert.DoesNotContain(HashTags.All, other => other != tag && other.StartsWith(tag + "/", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void All_abort_check_names_are_distinct()
    {
        var names = typeof(AbortChecks).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToArray();
        Assert.Equal(names.Length, names.Distinct(StringComparer.Ordinal).Count());
    }
}
