using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using MpcWallet.Infrastructure.Trust;
using MpcWallet.Testing.Processes;

namespace MpcWallet.Testing.Split;

/// <summary>
/// A split deployment on loopback, every role its own operating-system process of the real host binary, configured
/// the way an operator would (role files via <c>--Profile</c>, secrets in environment variables): coordinator(s),
/// one process per node (NodeControl on its own <c>--urls</c>), the transaction service (inside the coordinator
/// process or its own), a private RabbitMQ virtual host reached over TLS (amqps) with one broker user per process,
/// its own PostgreSQL database reached over TLS (verify-full) with one role per module (coordinator, transactions,
/// each node) owning only its schema (<see cref="ModuleDatabaseRoles"/>), and optionally a private Anvil chain; the
/// servers' certificates come from the test CA (<see cref="TestCertificateAuthority"/>). Coordinators share the
/// coordinator role and schema, so more than one can be run (<see cref="AddCoordinatorAsync"/>). Before anything starts, the cluster is enrolled as the README
/// tells an operator to: an operator key, each node's identity read by <c>trust node-identity</c> and each
/// coordinator's by <c>trust coordinator-identity</c> (with the process's own arguments), a manifest signed with the
/// operator key (<see cref="ManifestDocument"/>, the code of <c>trust manifest sign</c>); every process is given only the
/// operator's public key and the manifest's path. NodeControl and REST run over TLS: a throwaway CA made for the
/// cluster (<see cref="InMemoryCertificateAuthority"/>) issues every process a certificate, whose fingerprint enrollment
/// puts in the manifest (nodes' server certificates, coordinators' client certificates).
/// </summary>
public sealed class SplitCluster : IAsyncDisposable
{
    public const string ApiKey = "split-test-api-key-0123456789";
    public const string Tenant = "split-tests";

    private readonly SplitClusterOptions _options;
    private readonly string _virtualHost;
    private readonly byte[] _operatorKey = RandomNumberGenerator.GetBytes(TaggedSignature.KeyLength);
    private readonly Dictionary<string, string> _keyEncryptionKeys = [];
    private readonly List<HostProcess> _coordinators = [];
    private readonly Dictionary<string, HostProcess> _nodes = [];
    private readonly List<(BrokerUsers.Credentials, IReadOnlyList<string>)> _pendingBrokerUsers = [];
    private readonly Dictionary<string, BrokerUsers.Credentials> _brokerUsers = [];
    private readonly Dictionary<string, InMemoryCertificateAuthority.IssuedCertificate> _certificates = [];

    private SplitCluster(SplitClusterOptions options, string directory, string virtualHost, string coordinatorDatabase, string transactionsDatabase, Dictionary<string, string> nodeDatabases, AnvilChain? chain)
    {
        _options = options;
        Directory = directory;
        _virtualHost = virtualHost;
        CoordinatorDatabase = coordinatorDatabase;
        TransactionsDatabase = transactionsDatabase;
        NodeDatabases = nodeDatabases;
        Chain = chain;
        Authority = new InMemoryCertificateAuthority(Path.Combine(directory, "tls"), options.Name);
        for (var i = 1; i <= options.NodeCount; i++)
        {
            _keyEncryptionKeys[NodeId(i)] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            NodeAddresses[NodeId(i)] = new Uri($"https://127.0.0.1:{FreePorts.Next()}");
        }
    }

    /// <summary>The cluster's private RabbitMQ virtual host.</summary>
    public string VirtualHost => _virtualHost;

    /// <summary>The temporary directory holding every process's data directory and log.</summary>
    public string Directory { get; }

    /// <summary>The coordinator role's connection string (TLS, verify-full; its own schema <c>coordinator</c> only).</summary>
    public string CoordinatorDatabase { get; }

    /// <summary>The transaction service role's connection string (its own schema <c>transactions</c> only).</summary>
    public string TransactionsDatabase { get; }

    /// <summary>Each node role's connection string (its own schema <see cref="NodeSchema"/> only).</summary>
    public IReadOnlyDictionary<string, string> NodeDatabases { get; }

    /// <summary>The schema a node's store uses (the host's NodeHostService names it so).</summary>
    public static string NodeSchema(string nodeId) =>
        "node_" + new string(nodeId.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_').ToArray());

    /// <summary>The cluster's throwaway CA: it issued every process's TLS certificate.</summary>
    public InMemoryCertificateAuthority Authority { get; }

    /// <summary>Each node's NodeControl/health address (its <c>--urls</c>, https), fixed for the cluster's lifetime.</summary>
    public Dictionary<string, Uri> NodeAddresses { get; } = [];

    public AnvilChain? Chain { get; }

    public IReadOnlyList<HostProcess> Coordinators => _coordinators;

    public HostProcess Coordinator => _coordinators[0];

    public IReadOnlyDictionary<string, HostProcess> Nodes => _nodes;

    /// <summary>The process serving the transaction API (its own, or the first coordinator).</summary>
    public HostProcess Transactions { get; private set; } = null!;

    // Transactions is null until started: a cluster whose start failed earlier is disposed without it.
    public IEnumerable<HostProcess> All => _coordinators.Concat(_nodes.Values).Concat(_options.SeparateTransactions && Transactions is not null ? [Transactions] : []);

    public static string NodeId(int index) => "node-" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Creates the servers' private resources and starts every process; waits until all nodes are online.</summary>
    public static async Task<SplitCluster> StartAsync(SplitClusterOptions options)
    {
        var chain = options.WithChain ? await AnvilChain.StartAsync() : null;
        var directory = System.IO.Directory.CreateTempSubdirectory($"mpcwallet-{options.Name}-").FullName;
        var virtualHost = await TestRabbitMq.CreateVirtualHostAsync(options.Name);
        var database = await ModuleDatabaseRoles.CreateSharedDatabaseAsync(options.Name.Replace('-', '_'));
        var coordinatorDatabase = await ModuleDatabaseRoles.CreateAsync(database, "coordinator");
        var transactionsDatabase = await ModuleDatabaseRoles.CreateAsync(database, "transactions");
        var nodeDatabases = new Dictionary<string, string>();
        for (var i = 1; i <= options.NodeCount; i++)
        {
            nodeDatabases[NodeId(i)] = await ModuleDatabaseRoles.CreateAsync(database, NodeSchema(NodeId(i)));
        }

        var cluster = new SplitCluster(options, directory, virtualHost, coordinatorDatabase, transactionsDatabase, nodeDatabases, chain);
        try
        {
            // Nodes first: they only need the broker; then the coordinator finds them online.
            foreach (var id in cluster.NodeAddresses.Keys)
            {
                var node = cluster.NewNode(id);
                cluster._nodes[id] = node;
            }

            await cluster.EnrollAsync();
            await cluster.CreatePendingBrokerUsersAsync();
            await Task.WhenAll(cluster._nodes.Values.Select(n => n.StartAsync()));
            for (var i = 0; i < options.CoordinatorCount; i++)
            {
                await cluster.AddCoordinatorAsync();
            }

            if (options.SeparateTransactions)
            {
                cluster.Transactions = cluster.NewTransactions();
                await cluster.CreatePendingBrokerUsersAsync();
                await cluster.Transactions.StartAsync();
            }
            else
            {
                cluster.Transactions = cluster.Coordinator;
            }

            await cluster.WaitForNodesAsync(options.NodeCount);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts another coordinator process on the same broker virtual host and coordinator database (the first one
    /// also runs the transaction service unless it has its own process).
    /// </summary>
    /// <param name="extraArguments">Settings for this coordinator only (after the role's, so they win).</param>
    public async Task<HostProcess> AddCoordinatorAsync(IReadOnlyList<string>? extraArguments = null)
    {
        var index = _coordinators.Count + 1;
        var withTransactions = index == 1 && !_options.SeparateTransactions && _options.WithChain;
        var coordinator = NewCoordinator($"coordinator-{index}", withTransactions, extraArguments ?? []);
        _coordinators.Add(coordinator);
        await CreatePendingBrokerUsersAsync();
        await coordinator.StartAsync();
        return coordinator;
    }

    /// <summary>An API client for a coordinator (the first unless given).</summary>
    public ClusterApi Api(HostProcess? coordinator = null) => new(coordinator ?? Coordinator, Transactions, Chain);

    /// <summary>Waits (generously) until <paramref name="count"/> nodes are online, as the given coordinator sees them.</summary>
    public async Task WaitForNodesAsync(int count, HostProcess? coordinator = null, params string[] mustInclude)
    {
        using var api = Api(coordinator);
        await api.WaitForNodesAsync(count, mustInclude, this);
    }

    /// <summary>Every process's log tail, for failure messages.</summary>
    public string Logs(int lines = 40) => string.Join("\n", All.Select(p => p.LogTail(lines)));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in All.ToArray())
        {
            await process.DisposeAsync();
        }

        if (Chain is not null)
        {
            await Chain.DisposeAsync();
        }

        foreach (var issued in _certificates.Values)
        {
            issued.Certificate.Dispose();
        }

        Authority.Dispose();
    }

    /// <summary>
    /// The TLS certificate of a process (issued by <see cref="Authority"/> on first use, its PEM files under the cluster's
    /// tls/ directory): a node's NodeControl server certificate, a coordinator's NodeControl client (and REST server)
    /// certificate.
    /// </summary>
    public InMemoryCertificateAuthority.IssuedCertificate CertificateOf(string processName)
    {
        if (!_certificates.TryGetValue(processName, out var issued))
        {
            issued = Authority.Issue(processName);
            _certificates[processName] = issued;
        }

        return issued;
    }

    /// <summary>The signed cluster manifest every process verifies at start.</summary>
    public string ManifestPath => Path.Combine(Directory, "trust", "cluster-manifest.json");

    /// <summary>The operator's public key (base64), the only trust anchor the processes are given.</summary>
    public string OperatorPublicKey => Convert.ToBase64String(TaggedSignature.PublicKeyOf(_operatorKey));

    /// <summary>Coordinator instances enrolled in the manifest (a later <see cref="AddCoordinatorAsync"/> must be one of them).</summary>
    public static int EnrolledCoordinators(SplitClusterOptions options) => Math.Max(options.CoordinatorCount, 2);

    /// <summary>Signs <paramref name="draft"/> with this cluster's operator key and writes it as the manifest (tests changing membership).</summary>
    public void WriteManifest(ManifestDraft draft) => File.WriteAllText(ManifestPath, ManifestDocument.Sign(draft, _operatorKey));

    /// <summary>What an operator does once per cluster (README, "Enrollment"), with the processes' own arguments.</summary>
    private async Task EnrollAsync()
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(ManifestPath)!);
        KeyFiles.Create(Path.Combine(Directory, "trust", "operator.key"), _operatorKey);
        // The identity commands serve nothing; their placeholder address is https all the same, as the cleartext gate checks it.
        var coordinators = Enumerable.Range(1, EnrolledCoordinators(_options))
            .Select(i => new HostProcess($"coordinator-{i}", new Uri("https://127.0.0.1:1"), CoordinatorArguments($"coordinator-{i}", false, new Uri("https://127.0.0.1:1"), []), CoordinatorEnvironment(), Path.Combine(Directory, $"coordinator-{i}"), Directory))
            .ToArray();
        var nodeEntries = _nodes.Values.Select(n => n.RunCommandAsync(["trust", "node-identity"])).ToArray();
        var coordinatorEntries = coordinators.Select(c => c.RunCommandAsync(["trust", "coordinator-identity"])).ToArray();
        var draft = new ManifestDraft { ClusterId = _options.Name, Version = 1, IssuedAt = DateTimeOffset.UtcNow };
        foreach (var line in (await Task.WhenAll(nodeEntries)).SelectMany(o => o.Split('\n', StringSplitOptions.RemoveEmptyEntries)))
        {
            draft.Nodes.Add(JsonSerializer.Deserialize<ManifestDraft.Node>(line, EntryJson)!);
        }

        foreach (var output in await Task.WhenAll(coordinatorEntries))
        {
            draft.Coordinators.Add(JsonSerializer.Deserialize<ManifestDraft.Coordinator>(output.Trim(), EntryJson)!);
        }

        WriteManifest(draft);
    }

    private static readonly JsonSerializerOptions EntryJson = new(JsonSerializerDefaults.Web);

    private Dictionary<string, string> TrustEnvironment() => new()
    {
        ["Trust__OperatorPublicKey"] = OperatorPublicKey,
        ["Trust__ManifestPath"] = ManifestPath,
    };

    private HostProcess NewNode(string id)
    {
        var arguments = Common("node", id, NodeAddresses[id]);
        arguments.AddRange(["--node-id", id, "--Node:HeartbeatInterval", _options.NodeHeartbeatInterval]);
        arguments.AddRange(["--Node:Tls:CaCertificatePath", Authority.CertificatePath]);
        arguments.AddRange(_options.ExtraFor("node"));
        var environment = TrustEnvironment();
        environment["ConnectionStrings__Node"] = NodeDatabases[id];
        environment[$"Node__KeyEncryptionKeys__{id}"] = _keyEncryptionKeys[id];
        AddBrokerUser(id, arguments, environment);
        // A node requires a coordinator's certificate of every client, health probes included: the harness shows coordinator-1's.
        return new HostProcess(id, NodeAddresses[id], arguments, environment, Path.Combine(Directory, id), Directory, http2Only: true, new HostTls(Authority, CertificateOf("coordinator-1").Certificate));
    }

    private HostProcess NewCoordinator(string name, bool withTransactions, IReadOnlyList<string> extraArguments)
    {
        var address = new Uri($"https://127.0.0.1:{FreePorts.Next()}");
        var arguments = CoordinatorArguments(name, withTransactions, address, extraArguments);
        var environment = CoordinatorEnvironment();
        if (withTransactions)
        {
            environment["ConnectionStrings__Transactions"] = TransactionsDatabase;
        }
        AddBrokerUser(name, arguments, environment);
        return new HostProcess(name, address, arguments, environment, Path.Combine(Directory, name), Directory, tls: new HostTls(Authority));
    }

    private List<string> CoordinatorArguments(string name, bool withTransactions, Uri address, IReadOnlyList<string> extraArguments)
    {
        var arguments = Common("coordinator", name, address);
        if (withTransactions)
        {
            arguments.AddRange(["--modules", "coordinator,transactions"]);
            arguments.AddRange(TransactionsArguments());
        }

        arguments.AddRange([
            // Stable across restarts, as the README asks of deployments: a restarted coordinator resumes its own leases at
            // once; and the manifest names it.
            "--Coordinator:InstanceId", name,
            "--Coordinator:OfflineAfter", _options.CoordinatorOfflineAfter,
            "--Coordinator:QuorumWait", "00:00:01",
            "--Coordinator:SessionTimeout", "00:00:15",
            "--Coordinator:SignatureDeadline", "00:01:00",
            "--Coordinator:KeyGenerationSessionTimeout", "00:01:00",
            "--Coordinator:KeyGenerationDeadline", "00:02:30",
            // NodeControl's client certificate (enrolled in the manifest) and the CA the nodes' certificates chain to.
            "--Coordinator:Tls:CertificatePath", CertificateOf(name).CertificatePath,
            "--Coordinator:Tls:KeyPath", CertificateOf(name).KeyPath,
            "--Coordinator:Tls:CaCertificatePath", Authority.CertificatePath,
        ]);
        var i = 0;
        foreach (var (id, nodeAddress) in NodeAddresses)
        {
            arguments.AddRange([$"--Cluster:Nodes:{i}:Id", id, $"--Cluster:Nodes:{i}:GrpcEndpoint", nodeAddress.ToString().TrimEnd('/')]);
            i++;
        }

        arguments.AddRange(_options.ExtraFor("coordinator"));
        arguments.AddRange(extraArguments);
        return arguments;
    }

    private Dictionary<string, string> CoordinatorEnvironment()
    {
        var environment = TrustEnvironment();
        environment["ConnectionStrings__Coordinator"] = CoordinatorDatabase;
        environment["Auth__ApiKeys__0__Tenant"] = Tenant;
        environment["Auth__ApiKeys__0__KeyHash"] = ApiKeyHash;
        return environment;
    }

    private HostProcess NewTransactions()
    {
        var address = new Uri($"https://127.0.0.1:{FreePorts.Next()}");
        var arguments = Common("transactions", "transactions", address);
        arguments.AddRange(TransactionsArguments());
        arguments.AddRange(_options.ExtraFor("transactions"));
        var environment = TrustEnvironment();
        environment["ConnectionStrings__Transactions"] = TransactionsDatabase;
        environment["Auth__ApiKeys__0__Tenant"] = Tenant;
        environment["Auth__ApiKeys__0__KeyHash"] = ApiKeyHash;
        AddBrokerUser("transactions", arguments, environment);
        return new HostProcess("transactions", address, arguments, environment, Path.Combine(Directory, "transactions"), Directory, tls: new HostTls(Authority));
    }

    /// <summary>The broker user a process logs in as (its permissions limited to its own channels).</summary>
    public BrokerUsers.Credentials BrokerUserOf(string processName) => _brokerUsers[processName];

    // Every process logs in as its own broker user; the users are created (with the permissions the host prints for
    // the process's arguments) before the process first starts.
    private void AddBrokerUser(string processName, List<string> arguments, Dictionary<string, string> environment)
    {
        var credentials = BrokerUsers.NewCredentials(_virtualHost, processName);
        _brokerUsers[processName] = credentials;
        arguments.AddRange(BrokerUsers.UserArguments(credentials));
        var (variable, value) = BrokerUsers.PasswordVariable(credentials);
        environment[variable] = value;
        _pendingBrokerUsers.Add((credentials, arguments.ToArray()));
    }

    private async Task CreatePendingBrokerUsersAsync()
    {
        if (_pendingBrokerUsers.Count > 0)
        {
            await BrokerUsers.CreateAsync(_virtualHost, _pendingBrokerUsers.Select(p => (p.Item1, p.Item2)).ToArray());
            _pendingBrokerUsers.Clear();
        }
    }

    private static string ApiKeyHash => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ApiKey)));

    private List<string> TransactionsArguments()
    {
        var arguments = new List<string>();
        if (Chain is not null)
        {
            arguments.AddRange([
                "--Chains:0:ChainId", AnvilChain.ChainId.ToString(CultureInfo.InvariantCulture),
                "--Chains:0:RpcUrl", Chain.Endpoint.ToString(),
                "--Chains:0:Confirmations", "1",
                "--Chains:0:PollInterval", "00:00:00.200",
                "--Transactions:OutboxSweepInterval", "00:00:00.500",
            ]);
        }

        return arguments;
    }

    // What every process of a role gets: its role file, its address, data directory and TLS certificate (Kestrel's
    // standard settings, for its https --urls), the broker (over TLS) and PostgreSQL (its module roles' connection
    // strings, with their passwords, are in its environment).
    private List<string> Common(string profile, string name, Uri address)
    {
        var arguments = new List<string>
        {
            "--Profile", profile,
            "--environment", "Production",
            "--urls", address.ToString().TrimEnd('/'),
            "--data-dir", Path.Combine(Directory, name),
            "--Database:Provider", "PostgreSQL",
            "--Logging:LogLevel:MpcWallet", "Information",
            "--Kestrel:Certificates:Default:Path", CertificateOf(name).CertificatePath,
            "--Kestrel:Certificates:Default:KeyPath", CertificateOf(name).KeyPath,
        };
        arguments.AddRange(TestRabbitMq.TlsHostArguments(_virtualHost));
        return arguments;
    }
}
