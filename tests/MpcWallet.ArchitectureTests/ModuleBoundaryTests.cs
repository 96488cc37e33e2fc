using System.Reflection;
using MpcWallet.Contracts.Rounds;
using MpcWallet.Coordinator;
using MpcWallet.Infrastructure.Messaging;
using MpcWallet.Node;
using MpcWallet.Transactions;

namespace MpcWallet.ArchitectureTests;

/// <summary>The house rules of layout.md, checked by reflection over the built assemblies.</summary>
public sealed class ModuleBoundaryTests
{
    private static readonly Assembly Coordinator = typeof(CoordinatorModule).Assembly;
    private static readonly Assembly Node = typeof(NodeModule).Assembly;
    private static readonly Assembly Transactions = typeof(TransactionsModule).Assembly;
    private static readonly Assembly Contracts = typeof(RoundMessage).Assembly;
    private static readonly Assembly Infrastructure = typeof(BrokerChannels).Assembly;
    private static readonly Assembly Engine = typeof(MpcWallet.Mpc.Protocol.SessionId).Assembly;

    private static readonly string[] ModuleAssemblies = [Coordinator.GetName().Name!, Node.GetName().Name!, Transactions.GetName().Name!];

    [Fact]
    public void Modules_do_not_reference_each_other()
    {
        foreach (var module in new[] { Coordinator, Node, Transactions })
        {
            var references = module.GetReferencedAssemblies().Select(a => a.Name).ToArray();
            var others = ModuleAssemblies.Where(m => m != module.GetName().Name);
            Assert.DoesNotContain(references, r => others.Contains(r));
        }
    }

    [Fact]
    public void Modules_reference_only_shared_assemblies_of_the_solution()
    {
        foreach (var module in new[] { Coordinator, Node, Transactions })
        {
            var ours = module.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("MpcWallet.", StringComparison.Ordinal)).ToArray();
            Assert.All(ours, name => Assert.Contains(name, new[] { "MpcWallet.Contracts", "MpcWallet.Infrastructure", "MpcWallet.Mpc", "MpcWallet.Ethereum" }));
        }
    }

    [Fact]
    public void The_node_uses_the_ethereum_library_only_to_hash_what_it_signs_never_to_reach_a_chain()
    {
        // The node recomputes a signing command's digest from its pre-image with MpcWallet.Ethereum (docs/design-trust.md);
        // it must stay without chain access: no JSON-RPC client, no chain types.
        var ethereum = typeof(MpcWallet.Ethereum.Signing.SigningPreImage).Assembly;
        var violations = Node.GetTypes()
            .SelectMany(t => TypeReferences.Of(t).Where(u => u.Used.Assembly == ethereum && TypeReferences.Outermost(u.Used).Namespace is { } ns
                && !ns.StartsWith("MpcWallet.Ethereum.Signing", StringComparison.Ordinal)).Select(u => $"{t.FullName}: {u.Where} uses {u.Used.FullName}"))
            .Distinct()
            .ToArray();
        Assert.True(violations.Length == 0, "the node uses MpcWallet.Ethereum beyond its signing pre-images:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void A_module_exposes_only_its_entry_point()
    {
        Assert.Equal([typeof(CoordinatorModule)], Coordinator.GetExportedTypes());
        Assert.Equal([typeof(NodeModule)], Node.GetExportedTypes());
        Assert.Equal([typeof(TransactionsModule)], Transactions.GetExportedTypes());
    }

    [Fact]
    public void Contracts_depend_on_no_module_infrastructure_or_engine()
    {
        var references = Contracts.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        Assert.DoesNotContain(references, r => r.StartsWith("MpcWallet.", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("MassTransit", StringComparison.Ordinal) || r.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
    }

    [Fact]
    public void The_engine_knows_nothing_of_brokers_rpc_or_databases()
    {
        var references = Engine.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        Assert.DoesNotContain(references, r => r.StartsWith("MassTransit", StringComparison.Ordinal) || r.StartsWith("Grpc", StringComparison.Ordinal)
            || r.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) || r.StartsWith("MpcWallet.", StringComparison.Ordinal));
    }

    [Fact]
    public void Modules_never_choose_a_transport()
    {
        // Transport selection lives in Infrastructure (called by the host); a module calling UsingRabbitMq/UsingInMemory
        // would reference the transport assembly.
        foreach (var module in new[] { Coordinator, Node, Transactions })
        {
            Assert.DoesNotContain(module.GetReferencedAssemblies(), a => a.Name == "MassTransit.RabbitMqTransport");
        }
    }

    [Fact]
    public void Every_broker_message_is_a_sealed_record_with_a_message_id_on_a_named_channel()
    {
        var messages = Contracts.GetExportedTypes()
            .Where(t => t.Namespace is { } ns && ns.StartsWith("MpcWallet.Contracts.", StringComparison.Ordinal) && !ns.EndsWith(".Control", StringComparison.Ordinal))
            .Where(t => t.GetProperty("MessageId") is not null)
            .ToArray();
        Assert.NotEmpty(messages);
        foreach (var message in messages)
        {
            Assert.True(message.IsSealed, $"{message.Name} must be sealed");
            Assert.NotNull(message.GetMethod("<Clone>$"));
            Assert.Equal(typeof(Guid), message.GetProperty("MessageId")!.PropertyType);
            Assert.True(BrokerChannels.EntityNames.ContainsKey(message), $"{message.Name} has no channel entity name");
        }

        Assert.Equal(messages.Length, BrokerChannels.EntityNames.Count);
    }

    [Fact]
    public void Consumers_dbcontexts_and_entities_are_internal_sealed()
    {
        foreach (var module in new[] { Coordinator, Node, Transactions })
        {
            var implementation = module.GetTypes().Where(t => t.IsClass && !t.IsAbstract && !t.IsNested && t.Namespace is not null && !t.Name.StartsWith('<')).ToArray();
            var consumers = implementation.Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(MassTransit.IConsumer<>))).ToArray();
            var contexts = implementation.Where(t => typeof(Microsoft.EntityFrameworkCore.DbContext).IsAssignableFrom(t)).ToArray();
            Assert.NotEmpty(consumers);
            Assert.NotEmpty(contexts);
            Assert.All(consumers.Concat(contexts), t => Assert.True(!t.IsPublic && t.IsSealed, $"{t.FullName} must be internal sealed"));
        }
    }
}
