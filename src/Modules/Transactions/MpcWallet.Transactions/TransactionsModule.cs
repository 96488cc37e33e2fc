using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MpcWallet.Infrastructure.Messaging;
using MpcWallet.Infrastructure.Modules;
using MpcWallet.Infrastructure.Outbox;
using MpcWallet.Infrastructure.Persistence;
using MpcWallet.Transactions.Administration;
using MpcWallet.Transactions.Api;
using MpcWallet.Transactions.Audit;
using MpcWallet.Transactions.Chains;
using MpcWallet.Transactions.Configuration;
using MpcWallet.Transactions.Lifecycle;
using MpcWallet.Transactions.Messaging;
using MpcWallet.Transactions.Monitoring;
using MpcWallet.Transactions.Nonces;
using MpcWallet.Transactions.Persistence;
using MpcWallet.Transactions.Rpc;

namespace MpcWallet.Transactions;

/// <summary>The transaction service: chains, the EIP-1559 lifecycle and its background work, the audit chain, its queues and REST endpoints.</summary>
public sealed class TransactionsModule : IMpcWalletModule
{
    private const string StoreName = "Transactions";

    public string Name => "transactions";

    /// <summary><c>Transactions</c> and <c>Chains:&lt;i&gt;</c>, and where its store lives.</summary>
    public void AddOptions(IServiceCollection services, ModuleContext context)
    {
        services.AddOptions<TransactionsOptions>().BindConfiguration(TransactionsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TransactionsOptions>, TransactionsOptionsValidation>();
        services.AddOptionsValue<TransactionsOptions>();
        services.AddOptions<ChainsOptions>().Bind(context.Configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ChainsOptions>, ChainsOptionsValidation>();
        services.AddOptionsValue<ChainsOptions>();
        services.AddModuleDatabase(StoreName);
    }

    public void AddServices(IServiceCollection services, ModuleContext context)
    {
        services.AddModuleStore<TransactionsStore, TransactionsDbContext>(StoreName, "transactions", "transactions", database => new TransactionsStore(database));
        services.AddSingleton<ChainRegistry>();
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
        services.AddSingleton<IWaitingSignatures>(sp => sp.GetRequiredService<MessageSignatures>());
        services.AddSingleton<ChainReads>();
        services.AddSingleton<RpcTransactions>();
        services.AddSingleton<RpcSignedTransactions>();
        services.AddSingleton<WalletRpc>();
        services.AddOutbox<TransactionsDbContext>(sp => OutboxSettings.For(sp.GetRequiredService<TransactionsStore>().Database) with
        {
            PollInterval = sp.GetRequiredService<TransactionsOptions>().OutboxSweepInterval,
        });
        services.AddHostedService<LifecycleRecovery>();
        services.AddHostedService<TransactionGauges>();
        services.AddHostedService(sp => sp.GetRequiredService<ChainPoller>());
        services.AddHealthChecks().AddCheck<ChainHealthCheck>("chains");
    }

    /// <summary>Final signatures, and the coordinator events it follows (wallets, failed signatures).</summary>
    public IReadOnlyList<ReceiveEndpointPlan> ReceiveEndpoints(ModuleContext context) =>
    [
        new(BrokerChannels.SignaturesFinal + ".transactions", BrokerChannels.SignaturesFinal, [typeof(SignatureFinalizedConsumer)]),
        new(BrokerChannels.Events + ".transactions", BrokerChannels.Events, [typeof(WalletCreatedConsumer), typeof(SignatureFailedConsumer)]),
    ];

    /// <summary>Signature requests and transaction status events.</summary>
    public IReadOnlyList<Type> PublishedMessages { get; } = [typeof(Contracts.SignatureRequests.SignatureRequested), typeof(Contracts.Events.TransactionStatusChanged)];

    public IReadOnlyList<string> DirectSendPatterns { get; } = [];

    /// <summary>The transaction resources (with cancel and speed-up), the audit resources and each wallet's JSON-RPC endpoint.</summary>
    public void MapEndpoints(ModuleRoutes routes)
    {
        TransactionEndpoints.Map(routes.Api);
        ReplacementEndpoints.Map(routes.Api);
        AuditEndpoints.Map(routes.Api);
        RpcEndpoints.Map(routes.Api);
        AdminEndpoints.Map(routes.Admin);
    }
}
