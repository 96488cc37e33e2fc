using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using MpcWallet.Client.Http;

namespace MpcWallet.Client.Wallets;

/// <summary><c>/v1/wallets</c>.</summary>
public sealed class WalletsClient
{
    private readonly ApiConnection _connection;

    internal WalletsClient(ApiConnection connection) => _connection = connection;

    /// <summary>Starts key generation. The answer is the wallet as it is then (<c>creating</c>, or final if <see cref="RequestOptions.Wait"/> sufficed).</summary>
    public Task<Wallet> CreateAsync(CreateWalletRequest request, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new JsonObject { ["label"] = request.Label };
        if (request.Threshold is { } threshold)
        {
            body["threshold"] = threshold;
        }

        if (request.Parties is { } parties)
        {
            body["parties"] = parties;
        }

        if (request.AllowRawDigest is { } allowRawDigest)
        {
            body["allowRawDigest"] = allowRawDigest;
        }

        return _connection.CreateAsync<Wallet>("v1/wallets", body, options, cancellationToken);
    }

    /// <summary>Creates a wallet and waits until it is active; a failed key generation throws <see cref="MpcWalletOperationFailedException"/>.</summary>
    public async Task<Wallet> CreateActiveAsync(CreateWalletRequest request, TimeSpan timeout, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var wait = options?.Wait ?? TimeSpan.FromSeconds(Math.Min(30, timeout.TotalSeconds));
        var wallet = await CreateAsync(request, (options ?? new RequestOptions()) with { Wait = wait }, cancellationToken).ConfigureAwait(false);
        wallet = wallet.IsFinal ? wallet : await WaitUntilFinalAsync(wallet.Id, timeout, cancellationToken).ConfigureAwait(false);
        return wallet.Status == Wallet.Active ? wallet : throw new MpcWalletOperationFailedException("wallet", wallet.Id, wallet.Error);
    }

    /// <summary>The wallet's non-hardened BIP32 child at <paramref name="path"/> ("m/0/7"); hardened steps are refused (400).</summary>
    public Task<WalletAddress> GetAddressAsync(string id, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        return _connection.GetAsync<WalletAddress>($"v1/wallets/{ApiConnection.Segment(id)}/addresses?path={Uri.EscapeDataString(path)}", cancellationToken);
    }

    public Task<Wallet> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _connection.GetAsync<Wallet>($"v1/wallets/{ApiConnection.Segment(id)}", cancellationToken);

    /// <summary>One page of the tenant's wallets, newest first.</summary>
    public Task<Page<Wallet>> ListAsync(PageRequest? page = null, CancellationToken cancellationToken = default) =>
        _connection.GetAsync<Page<Wallet>>("v1/wallets" + PageQuery.Of(page), cancellationToken);

    /// <summary>Every wallet, following the cursors page by page.</summary>
    public async IAsyncEnumerable<Wallet> ListAllAsync(int? pageSize = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        do
        {
            var page = await ListAsync(new PageRequest(pageSize, cursor), cancellationToken).ConfigureAwait(false);
            foreach (var wallet in page.Items)
            {
                yield return wallet;
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }

    /// <summary>Reads the wallet until it is no longer <c>creating</c> (returns it active or failed); <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public Task<Wallet> WaitUntilFinalAsync(string id, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Polling.UntilAsync(ct => GetAsync(id, ct), w => w.IsFinal, timeout, _connection.Options.PollInterval, $"wallet {id}", cancellationToken);
}
