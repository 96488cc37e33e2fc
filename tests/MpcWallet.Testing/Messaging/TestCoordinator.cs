using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Hosting;
using MpcWallet.Contracts.Events;
using MpcWallet.Contracts.FinalSignatures;
using MpcWallet.Contracts.SignatureRequests;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Signing;
using MpcWallet.Infrastructure.Trust;

namespace MpcWallet.Testing.Messaging;

/// <summary>
/// TEST DOUBLE for the coordinator on the broker (the transaction tests' and the bench's single-key signer): answers
/// <see cref="SignatureRequested"/> with <see cref="SignatureFinalized"/> signed by the wallet's <see cref="TestKey"/> (and the
/// message by the coordinator key of <see cref="TestClusterTrust"/>),
/// exactly as the real coordinator does after threshold signing — and refuses, as it does, a request whose pre-image
/// does not hash to its digest and a raw digest on a wallet announced without <c>allowRawDigest</c>. Can hold requests (pause), fail selected ones, and
/// announce wallets (<see cref="WalletCreated"/>). Wallet keys live in <see cref="TestWallets"/>, so they outlive a
/// host restart. Register it with <c>services.AddSingleton(wallets).AddHostedService&lt;TestCoordinator&gt;()</c>.
/// </summary>
public sealed class TestCoordinator(IBus bus, TestWallets wallets) : IHostedService
{
    private HostReceiveEndpointHandle? _endpoint;
    private HostReceiveEndpointHandle? _observer;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        wallets.Attach(this);
        _endpoint = bus.ConnectReceiveEndpoint("signature_requests.test-coordinator", e => e.Handler<SignatureRequested>(context => HandleAsync(context.Message)));
        await _endpoint.Ready;
        _observer = bus.ConnectReceiveEndpoint("events.test-observer", e => e.Handler<TransactionStatusChanged>(context =>
        {
            wallets.Events.Enqueue(context.Message);
            return Task.CompletedTask;
        }));
        await _observer.Ready;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        wallets.Detach(this);
        if (_endpoint is not null)
        {
            await _endpoint.StopAsync(cancellationToken);
        }

        if (_observer is not null)
        {
            await _observer.StopAsync(cancellationToken);
        }
    }

    public Task AnnounceAsync(string walletId, string tenant, TestKey key, bool allowRawDigest = false)
    {
        wallets.RawDigestWallets[walletId] = allowRawDigest;
        var created = new WalletCreated
        {
            MessageId = NewId.NextGuid(),
            WalletId = walletId,
            Tenant = tenant,
            PublicKey = HexBytes.ToHex(key.CompressedPublicKey),
            Address = key.Address.ToChecksumString(),
            Nodes = ["test-signer"],
            AllowRawDigest = allowRawDigest,
        };
        return AnswerAsync(created, created.MessageId);
    }

    public async Task HandleAsync(SignatureRequested request)
    {
        wallets.Requests.Enqueue(request);
        if (wallets.Paused)
        {
            wallets.Held.Enqueue(request);
            return;
        }

        var refusedPreImage = RefusedPreImage(request);
        if (wallets.FailWhen?.Invoke(request) == true || !wallets.Keys.TryGetValue(request.WalletId, out var key) || refusedPreImage is not null)
        {
            var refusal = new SignatureFailed { MessageId = NewId.NextGuid(), SignatureId = request.SignatureId, WalletId = request.WalletId, Tenant = request.Tenant, Reason = refusedPreImage ?? "test coordinator refused to sign" };
            await AnswerAsync(refusal, refusal.MessageId);
            return;
        }

        var finalized = wallets.Trust.Sign(Sign(request, key));
        await AnswerAsync(finalized, finalized.MessageId);
    }

    /// <summary>
    /// An impostor on the broker: a final signature for <paramref name="request"/> correct in every field (the wallet
    /// key's ECDSA signature), claiming <paramref name="coordinatorId"/>, the message signed by <paramref name="signer"/>.
    /// </summary>
    public async Task AnswerAsImpostorAsync(SignatureRequested request, string coordinatorId, CoordinatorIdentity signer)
    {
        var forged = BrokerMessageSignatures.Sign(Sign(request, wallets.Keys[request.WalletId]) with { Coordinator = coordinatorId }, signer);
        await AnswerAsync(forged, forged.MessageId);
    }

    /// <summary>Why the request's pre-image is refused (the real coordinator's and nodes' rules), or null.</summary>
    private string? RefusedPreImage(SignatureRequested request)
    {
        if (SigningPreImageText.Read(request.PreImageKind, request.PreImage, request.Digest) is not { } preImage)
        {
            return $"the pre-image does not fit its kind ({request.PreImageKind})";
        }

        try
        {
            if (HexBytes.ToHex(preImage.Digest()) != request.Digest)
            {
                return "the pre-image does not hash to the digest";
            }
        }
        catch (SigningPreImageException e)
        {
            return "the pre-image is malformed: " + e.Message;
        }

        return preImage.Kind == SigningPreImageKind.RawDigest && !wallets.RawDigestWallets.GetValueOrDefault(request.WalletId)
            ? $"wallet {request.WalletId} does not allow raw digests"
            : null;
    }

    private static SignatureFinalized Sign(SignatureRequested request, TestKey key)
    {
        var signature = key.Sign(HexBytes.ParseFixed(request.Digest, 32));
        return new SignatureFinalized
        {
            MessageId = NewId.NextGuid(),
            SignatureId = request.SignatureId,
            WalletId = request.WalletId,
            Tenant = request.Tenant,
            Digest = request.Digest,
            R = HexBytes.ToHex(signature.R.ToBigEndian32()),
            S = HexBytes.ToHex(signature.S.ToBigEndian32()),
            V = 27 + signature.YParity,
            Nodes = ["test-signer"],
            CompletedAt = DateTimeOffset.UtcNow,
        };
    }

    private async Task AnswerAsync<T>(T answer, Guid id)
        where T : class
    {
        for (var copy = 0; copy < (wallets.AnswerTwice ? 2 : 1); copy++)
        {
            await bus.Publish(answer, context => context.MessageId = id);
        }
    }
}
