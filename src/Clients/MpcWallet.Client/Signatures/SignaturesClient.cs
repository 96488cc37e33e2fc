using MpcWallet.Client.Http;

namespace MpcWallet.Client.Signatures;

/// <summary><c>POST /v1/wallets/{id}/signatures</c> and <c>GET /v1/signatures/{id}</c>.</summary>
public sealed class SignaturesClient
{
    private readonly ApiConnection _connection;

    internal SignaturesClient(ApiConnection connection) => _connection = connection;

    /// <summary>Asks the wallet's nodes to sign. The answer is the signature as it is then (pending, or final if <see cref="RequestOptions.Wait"/> sufficed).</summary>
    public Task<Signature> CreateAsync(string walletId, SignatureRequest request, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _connection.CreateAsync<Signature>($"v1/wallets/{ApiConnection.Segment(walletId)}/signatures", request.ToJson(), options, cancellationToken);
    }

    /// <summary>
    /// Signs and waits for the result: the completed signature, <see cref="MpcWalletOperationFailedException"/> if
    /// signing failed, <see cref="TimeoutException"/> after <paramref name="timeout"/>.
    /// </summary>
    public async Task<Signature> SignAsync(string walletId, SignatureRequest request, TimeSpan timeout, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var wait = options?.Wait ?? TimeSpan.FromSeconds(Math.Min(30, Math.Max(1, timeout.TotalSeconds)));
        var signature = await CreateAsync(walletId, request, (options ?? new RequestOptions()) with { Wait = wait }, cancellationToken).ConfigureAwait(false);
        signature = signature.IsFinal ? signature : await WaitUntilFinalAsync(signature.Id, timeout, cancellationToken).ConfigureAwait(false);
        return signature.Status == Signature.Completed ? signature : throw new MpcWalletOperationFailedException("signature", signature.Id, signature.Error);
    }

    public Task<Signature> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _connection.GetAsync<Signature>($"v1/signatures/{ApiConnection.Segment(id)}", cancellationToken);

    /// <summary>Reads the signature until it is completed or failed; <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public Task<Signature> WaitUntilFinalAsync(string id, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Polling.UntilAsync(ct => GetAsync(id, ct), s => s.IsFinal, timeout, _connection.Options.PollInterval, $"signature {id}", cancellationToken);
}
