using System.Runtime.CompilerServices;
using MpcWallet.Client.Http;

namespace MpcWallet.Client.Transactions;

/// <summary>
/// <c>POST /v1/wallets/{id}/transactions</c>, <c>GET /v1/transactions/{id}</c>, <c>GET /v1/wallets/{id}/transactions</c>,
/// <c>POST /v1/transactions/{id}/cancel</c>, <c>POST /v1/transactions/{id}/speedup</c>.
/// </summary>
public sealed class TransactionsClient
{
    private readonly ApiConnection _connection;

    internal TransactionsClient(ApiConnection connection) => _connection = connection;

    /// <summary>
    /// Hands a transaction to the service (it picks the nonce and fees, signs with the wallet's nodes and submits).
    /// The answer is the transaction as it is then, or final if <see cref="RequestOptions.Wait"/> sufficed.
    /// A request the service refuses at intake is a <see cref="MpcWalletProblemException"/> (400/422/409/503).
    /// </summary>
    public Task<Transaction> CreateAsync(string walletId, TransactionRequest request, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _connection.CreateAsync<Transaction>($"v1/wallets/{ApiConnection.Segment(walletId)}/transactions", request.ToJson(), options, cancellationToken);
    }

    /// <summary>
    /// Cancels a transaction: a 0-value self-transfer at its nonce with higher fees (<paramref name="fees"/>, or bumped
    /// by the service), or at once when nothing of it has been broadcast yet. It ends <c>cancelled</c> — or
    /// <c>confirmed</c> if the original gets mined first. A mined or final transaction is a 409 problem.
    /// </summary>
    public Task<Transaction> CancelAsync(string id, ReplacementFees? fees = null, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        _connection.CreateAsync<Transaction>($"v1/transactions/{ApiConnection.Segment(id)}/cancel", ReplacementFees.ToJson(fees), options, cancellationToken);

    /// <summary>Speeds a pending transaction up: the same transaction at its nonce with higher fees (<paramref name="fees"/>, or bumped by the service).</summary>
    public Task<Transaction> SpeedUpAsync(string id, ReplacementFees? fees = null, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        _connection.CreateAsync<Transaction>($"v1/transactions/{ApiConnection.Segment(id)}/speedup", ReplacementFees.ToJson(fees), options, cancellationToken);

    public Task<Transaction> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _connection.GetAsync<Transaction>($"v1/transactions/{ApiConnection.Segment(id)}", cancellationToken);

    /// <summary>One page of a wallet's transactions, newest first.</summary>
    public Task<Page<Transaction>> ListAsync(string walletId, PageRequest? page = null, CancellationToken cancellationToken = default) =>
        _connection.GetAsync<Page<Transaction>>($"v1/wallets/{ApiConnection.Segment(walletId)}/transactions" + PageQuery.Of(page), cancellationToken);

    /// <summary>Every transaction of a wallet, following the cursors.</summary>
    public async IAsyncEnumerable<Transaction> ListAllAsync(string walletId, int? pageSize = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        do
        {
            var page = await ListAsync(walletId, new PageRequest(pageSize, cursor), cancellationToken).ConfigureAwait(false);
            foreach (var transaction in page.Items)
            {
                yield return transaction;
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }

    /// <summary>
    /// Reads the transaction until it has been submitted (it has a hash and is submitted or confirmed). A transaction
    /// that fails (or is cancelled) first throws <see cref="MpcWalletOperationFailedException"/>; <see cref="TimeoutException"/> after <paramref name="timeout"/>.
    /// </summary>
    public async Task<Transaction> WaitUntilSubmittedAsync(string id, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var transaction = await Polling.UntilAsync(
            ct => GetAsync(id, ct),
            t => t.Status is Transaction.Failed or Transaction.Cancelled || (t.Hash is not null && t.Status is Transaction.Submitted or Transaction.Confirmed),
            timeout,
            _connection.Options.PollInterval,
            $"transaction {id}",
            cancellationToken).ConfigureAwait(false);
        return transaction.Status is Transaction.Failed or Transaction.Cancelled ? throw new MpcWalletOperationFailedException("transaction", id, transaction.Error) : transaction;
    }

    /// <summary>Reads the transaction until it is confirmed, cancelled or failed (returned either way); <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public Task<Transaction> WaitUntilFinalAsync(string id, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Polling.UntilAsync(ct => GetAsync(id, ct), t => t.IsFinal, timeout, _connection.Options.PollInterval, $"transaction {id}", cancellationToken);
}
