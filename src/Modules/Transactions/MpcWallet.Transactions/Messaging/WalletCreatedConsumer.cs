using MassTransit;
using Microsoft.EntityFrameworkCore;
using MpcWallet.Contracts.Events;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Messaging;

/// <summary><c>events</c>: keeps this module's copy of the wallets it may send from (id, tenant, address, root public key and chain code, raw-digest policy); idempotent.</summary>
internal sealed class WalletCreatedConsumer(TransactionsStore store) : IConsumer<WalletCreated>
{
    public async Task Consume(ConsumeContext<WalletCreated> context)
    {
        var message = context.Message;
        var address = EthereumAddress.Parse(message.Address).ToChecksumString();
        await store.WriteAsync(async unit =>
        {
            var existing = await unit.Context.Wallets.FirstOrDefaultAsync(w => w.Id == message.WalletId, context.CancellationToken);
            if (existing is null)
            {
                unit.Context.Wallets.Add(new WalletRecord { Id = message.WalletId, Tenant = message.Tenant, Address = address, PublicKey = message.PublicKey, ChainCode = message.ChainCode, AllowRawDigest = message.AllowRawDigest });
            }
            else if (existing.ChainCode is null && message.ChainCode is not null)
            {
                // A redelivered or republished event of a wallet stored before chain codes were published.
                existing.ChainCode = message.ChainCode;
            }
        }, context.CancellationToken);
    }
}
