using MpcWallet.Transactions.Api;

namespace MpcWallet.Transactions.Administration;

/// <summary>
/// One transaction in <c>GET /v1/admin/transactions</c> (every tenant's): the resource as its tenant sees it (with
/// its attempts) and its status history, the transaction's audit entries in order.
/// </summary>
internal sealed record AdminTransactionResource(string Tenant, TransactionResource Transaction, IReadOnlyList<AuditEntryResource> History);
