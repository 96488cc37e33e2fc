using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using MpcWallet.Coordinator;
using MpcWallet.Infrastructure.Http;
using MpcWallet.Infrastructure.Outbox;
using MpcWallet.Infrastructure.Persistence;
using MpcWallet.Node;
using MpcWallet.Transactions;

namespace MpcWallet.ArchitectureTests;

/// <summary>
/// What every module shares is written once, in MpcWallet.Infrastructure: one outbox (record, writer, dispatcher),
/// one store base (migration, sequences), one set of HTTP conventions (problem details, Idempotency-Key, Prefer:
/// wait, body reading, paging). A module that grows its own copy again fails here.
/// </summary>
public sealed class SharedBuildingBlocksTests
{
    private static readonly Assembly[] Modules = [typeof(CoordinatorModule).Assembly, typeof(NodeModule).Assembly, typeof(TransactionsModule).Assembly];

    private static readonly string[] SharedConceptNames = ["Outbox", "Problem", "Idempotency", "PreferWait", "JsonBody", "FinalState", "PageQuery", "SequenceClock", "StoreMigration"];

    [Fact]
    public void No_module_defines_its_own_outbox_problem_idempotency_or_body_helpers()
    {
        var copies = Modules.SelectMany(m => m.GetTypes())
            .Where(t => !t.IsNested && !t.Name.StartsWith('<'))
            .Where(t => SharedConceptNames.Any(n => t.Name.Contains(n, StringComparison.Ordinal)))
            .Select(t => t.FullName)
            .ToArray();
        Assert.True(copies.Length == 0, "defined again in a module (use MpcWallet.Infrastructure's): " + string.Join(", ", copies));
    }

    [Fact]
    public void There_is_one_outbox_record_and_one_idempotency_record()
    {
        // By shape, whatever the name: a message waiting to be sent, or a key remembered with its request's hash.
        var outboxShaped = Modules.SelectMany(m => m.GetTypes()).Where(t => HasProperties(t, "Payload", "SentAt")).Select(t => t.FullName).ToArray();
        var idempotencyShaped = Modules.SelectMany(m => m.GetTypes()).Where(t => HasProperties(t, "RequestHash")).Select(t => t.FullName).ToArray();
        Assert.True(outboxShaped.Length == 0, "outbox records defined in a module: " + string.Join(", ", outboxShaped));
        Assert.True(idempotencyShaped.Length == 0, "idempotency records defined in a module: " + string.Join(", ", idempotencyShaped));

        var contexts = Modules.SelectMany(m => m.GetTypes()).Where(t => typeof(DbContext).IsAssignableFrom(t)).ToArray();
        Assert.All(contexts.Where(c => Sets(c).Contains(typeof(OutboxRecord))), c => Assert.True(typeof(IOutboxContext).IsAssignableFrom(c), $"{c.Name} has an outbox but is no IOutboxContext"));
        Assert.Contains(contexts, c => typeof(IOutboxContext).IsAssignableFrom(c));
    }

    [Fact]
    public void No_module_dispatches_an_outbox_of_its_own()
    {
        // The only code that publishes outbox rows is OutboxDispatcher<T>: no module type reads an outbox table and publishes.
        var readers = CallersOf(m => m.DeclaringType == typeof(IOutboxContext) || (m is MethodInfo { ReturnType: var r } && r == typeof(DbSet<OutboxRecord>)))
            .Select(c => c.DeclaringType!)
            .Where(t => typeof(DbContext).IsAssignableFrom(t) is false)
            .ToArray();
        var publishers = CallersOf(m => m.DeclaringType is { } d
                && ((d == typeof(MassTransit.IPublishEndpoint) && m.Name == "Publish") || d == typeof(MpcWallet.Infrastructure.Messaging.BoundedPublishExtensions)))
            .Select(c => c.DeclaringType!)
            .ToHashSet();
        var both = readers.Where(publishers.Contains).Select(t => t.FullName).Distinct().ToArray();
        Assert.True(both.Length == 0, "reads an outbox table and publishes (a second dispatcher): " + string.Join(", ", both));
    }

    [Fact]
    public void Modules_answer_problems_only_through_the_shared_problems()
    {
        var direct = CallersOf(m => (m.DeclaringType == typeof(Results) || m.DeclaringType == typeof(TypedResults)) && m.Name is "Problem" or "ValidationProblem")
            .Select(c => $"{c.DeclaringType?.FullName}.{c.Name}").Distinct().ToArray();
        Assert.True(direct.Length == 0, "builds problem details itself (use MpcWallet.Infrastructure.Http.Problems): " + string.Join(", ", direct));
        Assert.NotEmpty(CallersOf(m => m.DeclaringType == typeof(Problems)));
    }

    [Fact]
    public void Every_module_store_is_a_module_store_and_none_migrates_or_numbers_by_itself()
    {
        var stores = Modules.SelectMany(m => m.GetTypes()).Where(t => t.Name.EndsWith("Store", StringComparison.Ordinal) && t.IsClass && !t.IsNested).ToArray();
        Assert.Equal(3, stores.Length);
        Assert.All(stores, s => Assert.True(s.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(ModuleStore<>), $"{s.Name} is not a ModuleStore"));
        var own = Modules.SelectMany(m => m.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.Name is "NextSequence" or "MigrateAsync" or "EnsureMigratedAsync")
            .Select(m => $"{m.DeclaringType!.FullName}.{m.Name}").ToArray();
        Assert.True(own.Length == 0, "defined again in a module: " + string.Join(", ", own));
        var migrators = CallersOf(m => m.DeclaringType == typeof(SchemaMigrator)).Select(c => c.DeclaringType!.FullName).Distinct().ToArray();
        Assert.True(migrators.Length == 0, "applies a schema itself (ModuleStore does): " + string.Join(", ", migrators));
    }

    private static IEnumerable<MethodBase> CallersOf(Func<MethodBase, bool> callee) =>
        Modules.SelectMany(CalledMethods.In).Where(c => callee(c.Callee)).Select(c => c.Caller);

    private static bool HasProperties(Type type, params string[] names) => names.All(n => type.GetProperty(n) is not null);

    private static Type[] Sets(Type context) =>
        [.. context.GetProperties().Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(DbSet<>)).Select(p => p.PropertyType.GetGenericArguments()[0])];
}
