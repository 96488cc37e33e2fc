using System.Reflection;
using MassTransit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MpcWallet.Coordinator;
using MpcWallet.Host.Composition;
using MpcWallet.Infrastructure.Messaging;
using MpcWallet.Infrastructure.Modules;
using MpcWallet.Node;
using MpcWallet.Transactions;

namespace MpcWallet.ArchitectureTests;

/// <summary>
/// How code is laid out inside a module (layout.md): folders by use case without cycles between them, the REST surface
/// at the edge, consumers written down once in the module's plans, dependencies injected rather than looked up.
/// </summary>
public sealed class LayoutRulesTests
{
    private static readonly IMpcWalletModule[] Modules = [new CoordinatorModule(), new NodeModule(), new TransactionsModule()];

    public static TheoryData<string> ModuleNames() => [.. Modules.Select(m => m.Name)];

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void No_folder_of_a_module_depends_on_a_folder_that_depends_back_on_it(string name)
    {
        var module = Modules.Single(m => m.Name == name);
        var root = module.GetType().Namespace!;
        var edges = new Dictionary<string, Dictionary<string, string>>();
        foreach (var type in TopLevelTypes(module))
        {
            if (type.Namespace is not { } from || !from.StartsWith(root + ".", StringComparison.Ordinal))
            {
                // The module's entry (the root namespace) composes every folder; it is no folder itself.
                continue;
            }

            var targets = edges.TryGetValue(from, out var known) ? known : edges[from] = [];
            foreach (var (used, where) in TypeReferences.Of(type))
            {
                if (used.Assembly == type.Assembly && TypeReferences.Outermost(used).Namespace is { } to && to != from && to.StartsWith(root + ".", StringComparison.Ordinal))
                {
                    targets.TryAdd(to, $"{where} uses {used.Name}");
                }
            }
        }

        var cycles = Cycles(edges).Select(cycle => string.Join(" → ", cycle.Zip(cycle.Skip(1).Append(cycle[0]), (a, b) => $"{Short(a, root)} ({edges[a][b]})")) + $" → {Short(cycle[0], root)}").ToArray();
        Assert.True(cycles.Length == 0, $"folders of {name} that depend on each other:\n" + string.Join("\n", cycles));
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Persistence_and_lifecycle_code_use_no_api_type(string name)
    {
        // The REST surface (endpoints, resources, request bodies and their parsing) sits at the edge: the code behind it
        // (use cases, sessions, lifecycle, persistence) is the same whether a request comes over REST or the broker.
        var module = Modules.Single(m => m.Name == name);
        var types = TopLevelTypes(module).Where(t => t != module.GetType()).ToArray();
        var api = types.Where(IsApi).ToHashSet();
        var violations = types.Where(t => !api.Contains(t))
            .SelectMany(t => TypeReferences.Of(t).Where(u => api.Contains(TypeReferences.Outermost(u.Used)) || HttpTypes.Contains(u.Used)).Select(u => $"{t.FullName}: {u.Where} uses {u.Used.Name}"))
            .Distinct()
            .ToArray();
        Assert.True(violations.Length == 0, "API types used behind the REST surface:\n" + string.Join("\n", violations));
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Every_consumer_of_a_module_is_in_its_receive_endpoint_plans(string name)
    {
        var module = Modules.Single(m => m.Name == name);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Node:Ids:0"] = "node-1",
            ["Coordinator:InstanceId"] = "coordinator-architecture",
        }).Build();
        var planned = module.ReceiveEndpoints(new ModuleContext(configuration, [name])).SelectMany(p => p.Consumers).ToHashSet();
        var consumers = module.GetType().Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>)))
            .ToHashSet();
        Assert.NotEmpty(consumers);
        Assert.True(consumers.SetEquals(planned), $"{name}: consumers in no plan: {string.Join(", ", consumers.Except(planned).Select(t => t.Name))}; planned but no consumer of the module: {string.Join(", ", planned.Except(consumers).Select(t => t.Name))}");
    }

    [Fact]
    public void Consumers_are_registered_from_the_plans_and_nowhere_else()
    {
        // AddReceiveEndpoints registers the plans' consumers; a module or the host calling AddConsumer itself would write
        // a queue's consumers down a second time, where they can drift from the plan.
        var host = typeof(MpcWalletHost).Assembly;
        var assemblies = Modules.Select(m => m.GetType().Assembly).Append(host).Append(typeof(BrokerChannels).Assembly);
        var registrations = assemblies.SelectMany(CalledMethods.In)
            .Where(c => c.Callee.Name is "AddConsumer" or "AddConsumers" && c.Callee.DeclaringType?.Namespace?.StartsWith("MassTransit", StringComparison.Ordinal) == true)
            .Select(c => TypeReferences.Outermost(c.Caller.DeclaringType!))
            .Distinct()
            .ToArray();
        Assert.Equal([typeof(MessagingServiceCollectionExtensions)], registrations);
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void No_code_but_the_module_entry_looks_services_up(string name)
    {
        // Dependencies are constructor-injected, so what a class needs is in its signature: no IServiceProvider (or scope
        // factory) held or asked for a service by use-case code. The module's entry composes and may resolve.
        var module = Modules.Single(m => m.Name == name);
        var locators = new[] { typeof(IServiceProvider), typeof(IServiceScopeFactory), typeof(IServiceScope), typeof(ServiceProviderServiceExtensions), typeof(ActivatorUtilities) };
        var violations = TopLevelTypes(module).Where(t => t != module.GetType())
            .SelectMany(t => TypeReferences.Of(t).Where(u => locators.Contains(u.Used)).Select(u => $"{t.FullName}: {u.Where} uses {u.Used.Name}"))
            .Distinct()
            .ToArray();
        Assert.True(violations.Length == 0, "service lookups outside the module entry:\n" + string.Join("\n", violations));
    }

    private static readonly HashSet<Type> HttpTypes = [typeof(HttpContext), typeof(HttpRequest), typeof(HttpResponse), typeof(IResult)];

    /// <summary>
    /// The module's HTTP surface: its <c>Api</c> folder, wherever it has one, its JSON-RPC door (<c>Rpc</c>, which answers
    /// with the same resources), and endpoints and resources in use-case folders.
    /// </summary>
    private static bool IsApi(Type type) =>
        type.Namespace!.Split('.') is var folders && (folders.Contains("Api") || folders.Contains("Rpc")) || type.Name.EndsWith("Endpoints", StringComparison.Ordinal) || type.Name.EndsWith("Resource", StringComparison.Ordinal);

    private static IEnumerable<Type> TopLevelTypes(IMpcWalletModule module) =>
        module.GetType().Assembly.GetTypes().Where(t => !t.IsNested && t.Namespace is not null && !t.Name.StartsWith('<'));

    private static string Short(string ns, string root) => ns[(root.Length + 1)..];

    /// <summary>The namespace cycles: each strongly connected component of more than one namespace, as one cycle through it.</summary>
    private static IEnumerable<List<string>> Cycles(Dictionary<string, Dictionary<string, string>> edges)
    {
        foreach (var component in StronglyConnected(edges).Where(c => c.Count > 1))
        {
            // A path from the first member back to itself inside the component, for a readable message.
            var members = component.ToHashSet();
            var start = component.Min(StringComparer.Ordinal)!;
            var previous = new Dictionary<string, string>();
            var queue = new Queue<string>([start]);
            List<string>? cycle = null;
            while (queue.Count > 0 && cycle is null)
            {
                var at = queue.Dequeue();
                foreach (var next in edges.GetValueOrDefault(at, []).Keys.Where(members.Contains).Order(StringComparer.Ordinal))
                {
                    if (next == start)
                    {
                        cycle = [at];
                        while (cycle[0] != start)
                        {
                            cycle.Insert(0, previous[cycle[0]]);
                        }

                        break;
                    }

                    if (previous.TryAdd(next, at))
                    {
                        queue.Enqueue(next);
                    }
                }
            }

            yield return cycle!;
        }
    }

    private static List<List<string>> StronglyConnected(Dictionary<string, Dictionary<string, string>> edges)
    {
        // Tarjan's algorithm; a module has a few dozen folders at most, so recursion depth is no concern.
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var components = new List<List<string>>();

        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in edges.GetValueOrDefault(v, []).Keys)
            {
                if (index.TryGetValue(w, out var seen))
                {
                    if (onStack.Contains(w))
                    {
                        low[v] = Math.Min(low[v], seen);
                    }
                }
                else
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
            }

            if (low[v] == index[v])
            {
                var component = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component.Add(w);
                }
                while (w != v);
                components.Add(component);
            }
        }

        foreach (var v in edges.Keys.Concat(edges.Values.SelectMany(e => e.Keys)).Distinct().ToArray())
        {
            if (!index.ContainsKey(v))
            {
                Visit(v);
            }
        }

        return components;
    }
}
