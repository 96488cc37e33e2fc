using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Hosting;
using MpcWallet.Contracts.Events;
using MpcWallet.Contracts.FinalSignatures;
using MpcWallet.Contracts.SignatureRequests;
using MpcWallet.Ethereum.Quantities;

using MpcWallet.Transactions.Tests.Support;

namespace MpcWallet.Bench.Transactions;

/// <summary>
/// BENCHMARK STAND-IN for the coordinator (<c>--signer single-key</c>): answers signature requests on the broker with
/// <see cref="TestKey"/> signatures.
/// </summary>
internal sealed class BenchSigner(IBus bus) : IHostedService
{
    private readonly List<HostReceiveEndpointHandle> _endpoints = [];

    public ConcurrentDictionary<string, TestKey> Keys { get; } = new();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _endpoints.Add(bus.ConnectReceiveEndpoint("signature_requests.bench-signer", e => e.Handler<SignatureRequested>(c => AnswerAsync(c.Message))));
        foreach (var endpoint in _endpoints)
        {
            await endpoint.Ready;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var endpoint in _endpoints)
        {
            await endpoint.StopAsync(cancellationToken);
        }
    }

    public Task AnnounceAsync(string walletId, string tenant, TestKey key) =>
        bus.Publish(new WalletCreated { MessageId = NewId.NextGuid(), WalletId = walletId, Tenant = tenant, PublicKey = HexBytes.ToHex(key.PublicKey), Address = key.Address.ToChecksumString(), Nodes = ["bench-signer"] });

    private Task AnswerAsync(SignatureRequested request) => bus.Publish(Keys[request.WalletId].Answer(request, "bench-signer"));
}
