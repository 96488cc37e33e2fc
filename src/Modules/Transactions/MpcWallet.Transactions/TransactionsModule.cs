using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MpcWallet.Infrastructure.Messaging;
using MpcWallet.Infrastructure.Outbox;
using MpcWallet.Infrastructure.Persistence;
using MpcWallet.Transactions.Api;
using MpcWallet.Transactions.Audit;
using MpcWallet.Transactions.Chains;
using MpcWallet.Transactions.Configuration;
using MpcWallet.Transactions.Lifecycle;
using MpcWallet.Transactions.Messaging;
using MpcWallet.Transactions.Nonces;
using MpcWallet.Transactions.Persistence;
using MpcWallet.Transactions.Rpc;

namespace MpcWallet.Transactions;

/// <summary>The transaction module's entry point: services, background work, consumers, queues and REST endpoints.</summary>
public static class TransactionsModule
{
    /// <summary>Registers the module; <c>Chains:&lt;i&gt;</c> and <c>Transactions</c> are read and validated here.</summary>
    public static IServiceCollection AddTransactionsModule(this IServiceCollection services, IConfiguration configuration)
    {
        var chains = configuration.GetSection("Chains").Get<List<ChainOptions>>() ?? [];
        var options = configuration.GetSection(TransactionsOptions.Section).Get<TransactionsOptions>() ?? new TransactionsOptions();
        if (options.RpcWait <= TimeSpan.Zero || options.RpcWait > TimeSpan.FromMinutes(5))
        {
            throw new InvalidOperationException("Transactions:RpcWait must be positive and at most 5 minutes");
        }

        services.AddSingleton(options);
        services.AddSingleton(new ChainRegistry(chains));
        var store = new TransactionsStore(ModuleDatabase.Resolve(configuration, "Transactions", "transactions", "transactions"));
        services.AddModuleStore<TransactionsStore, TransactionsDbContext>(store);
        services.AddSingleton<ChainVerification>();
        services.AddSingleton<NonceAllocator>();
        services.AddSingleton<TransactionIntake>();
        services.AddSingleton<Replacements>();
        services.AddSingleton<Broadcaster>();
        services.AddSingleton<AttemptSigner>();
        services.AddSingleton<AuditVerifier>();
        services.AddSingleton<SignatureResends>();
        services.AddSingleton<ReceiptTracker>();
        services.AddSingleton<Reorgs>();
        services.AddSingleton<StuckAttempts>();
        services.AddSingleton<ChainPoller>();
        services.AddSingleton<MessageSignatures>();
        services.AddSingleton<ChainReads>();
        services.AddSingleton<RpcTransactions>();
        services.AddSingleton<WalletRpc>();
        services.AddOutbox<TransactionsDbContext>(OutboxSettings.For(store.Database) with { PollInterval = options.OutboxSweepInterval });
        services.AddHostedService<LifecycleRecovery>();
        services.AddHostedService(sp => sp.GetRequiredService<ChainPoller>());
        services.AddHealthChecks().AddCheck<ChainHealthCheck>("chains");
        return services;
    }

    public static void AddTransactionsConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<SignatureFinalizedConsumer>();
        bus.AddConsumer<SignatureFailedConsumer>();
        bus.AddConsumer<WalletCreatedConsumer>();
    }

    /// <summary>The module's queues: final signatures, and the coordinator events it follows (wallets, failed signatures).</summary>
    public static IReadOnlyList<ReceiveEndpointPlan> TransactionsEndpoints() =>
    [
        new(BrokerChannels.SignaturesFinal + ".transactions", BrokerChannels.SignaturesFinal, [typeof(SignatureFinalizedConsumer)]),
        new(BrokerChannels.Events + ".transactions", BrokerChannels.Events, [typeof(WalletCreatedConsumer), typeof(SignatureFailedConsumer)]),
    ];

    /// <summary>What the transaction service puts on the broker, for its broker permissions: signature requests and status events.</summary>
    public static BrokerPermissions BrokerPermissions() => Infrastructure.Messaging.BrokerPermissions.For(
        TransactionsEndpoints(),
        [typeof(Contracts.SignatureRequests.SignatureRequested), typeof(Contracts.Events.TransactionStatusChanged)],
        []);

    /// <summary>Maps the transaction, audit and wallet JSON-RPC endpoints under <c>/v1</c> (API-key authenticated).</summary>
    public static IEndpointRouteBuilder MapTransactionsApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").RequireAuthorization();
        TransactionEndpoints.Map(v1);
        ReplacementEndpoints.Map(v1);
        AuditEndpoints.Map(v1);
        RpcEndpoints.Map(v1);
        return app;
    }
}
