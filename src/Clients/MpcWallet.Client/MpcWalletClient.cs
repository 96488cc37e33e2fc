using MpcWallet.Client.Http;
using MpcWallet.Client.Nodes;
using MpcWallet.Client.Signatures;
using MpcWallet.Client.Transactions;
using MpcWallet.Client.Wallets;

namespace MpcWallet.Client;

/// <summary>
/// The MpcWallet REST API (v1), one property per resource group. New groups (operations, addresses …) arrive as new
/// properties, new request kinds as new request types, new resource fields in <c>AdditionalProperties</c> until they
/// get their own property: none of that changes what exists.
/// </summary>
public sealed class MpcWalletClient : IDisposable
{
    private readonly HttpClient? _ownedHttp;

    /// <summary>A client with its own HttpClient (disposed with it).</summary>
    public MpcWalletClient(MpcWalletClientOptions options)
        : this(new HttpClient(), options, owned: true)
    {
    }

    /// <summary>A client over the caller's HttpClient (e.g. from IHttpClientFactory); the caller disposes it.</summary>
    public MpcWalletClient(HttpClient httpClient, MpcWalletClientOptions? options = null)
        : this(httpClient, options ?? new MpcWalletClientOptions(), owned: false)
    {
    }

    private MpcWalletClient(HttpClient httpClient, MpcWalletClientOptions options, bool owned)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        _ownedHttp = owned ? httpClient : null;
        var connection = new ApiConnection(httpClient, options);
        Wallets = new WalletsClient(connection);
        Signatures = new SignaturesClient(connection);
        Transactions = new TransactionsClient(connection);
        Nodes = new NodesClient(connection);
    }

    /// <summary>A client for <paramref name="baseAddress"/> with <paramref name="apiKey"/>.</summary>
    public static MpcWalletClient Create(Uri baseAddress, string apiKey) => new(new MpcWalletClientOptions { BaseAddress = baseAddress, ApiKey = apiKey });

    public WalletsClient Wallets { get; }

    public SignaturesClient Signatures { get; }

    public TransactionsClient Transactions { get; }

    public NodesClient Nodes { get; }

    public void Dispose() => _ownedHttp?.Dispose();
}
