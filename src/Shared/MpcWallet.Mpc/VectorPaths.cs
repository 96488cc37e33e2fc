using System.Runtime.Intrinsics.X86;

namespace MpcWallet.Mpc;

/// <summary>
/// Whether the batched primitives take their AVX2 lanes (four-lane field arithmetic, four-way Keccak) or their scalar
/// paths. Decided at run time on every batch call, so one build runs on any x64 or ARM machine: without AVX2 the scalar
/// paths compute exactly the same values (tests compare them lane by lane, and run whole protocols both ways).
/// <para>Tests force the scalar paths inside a <see cref="ScalarOnly"/> scope. The scope is an
/// <see cref="AsyncLocal{T}"/>: it follows the code it wraps into the parallel workers of that call and nowhere else, so
/// tests running side by side are not affected. Production code never opens one.</para>
/// </summary>
internal static class VectorPaths
{
    private static readonly AsyncLocal<bool> ForcedScalar = new();

    /// <summary>True when AVX2 is present and no <see cref="ScalarOnly"/> scope is open on this flow.</summary>
    public static bool Enabled => Avx2.IsSupported && !ForcedScalar.Value;

    /// <summary>Until disposed, batch calls made from this flow (and the tasks it starts) take the scalar paths.</summary>
    public static IDisposable ScalarOnly()
    {
        var previous = ForcedScalar.Value;
        ForcedScalar.Value = true;
        return new Scope(previous);
    }

    private sealed class Scope(bool previous) : IDisposable
    {
        public void Dispose() => ForcedScalar.Value = previous;
    }
}
