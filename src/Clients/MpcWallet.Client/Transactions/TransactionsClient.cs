using System.Runtime.CompilerServices;
using MpcWallet.Client.Http;

namespace MpcWallet.Client.Transactions;

/// <summary><c>POST /v1/wallets/{id}/transactions</c>, <c>GET /v1/transactions/{id}</c>, <c>GET /v1/wallets/{id}/transactions</c>.</summary>
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
    /// that fails first throws <see cref="MpcWalletOperationFailedException"/>; <see cref="TimeoutException"/> after <paramref name="timeout"/>.
    /// </summary>
    public async Task<Transaction> WaitUntilSubmittedAsync(string id, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var transaction = await Polling.UntilAsync(
            ct => GetAsync(id, ct),
            t => t.Status == Transaction.Failed || (t.Hash is not null && t.Status is Transaction.Submitted or Transaction.Confirmed),
            timeout,
            _connection.Options.PollInterval,
            $"transaction {id}",
            cancellationToken).ConfigureAwait(false);
        return transaction.Status == Transaction.Failed ? throw new MpcWalletOperationFailedException("transaction", id, transaction.Error) : transaction;
    }

    /// <summary>Reads the transaction until it is confirmed or failed (returned either way); <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public Task<Transaction> WaitUntilFinalAsync(string id, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Polling.UntilAsync(ct => GetAsync(id, ct), t => t.IsFinal, timeout, _connection.Options.PollInterval, $"transaction {id}", cancellationToken);
}
