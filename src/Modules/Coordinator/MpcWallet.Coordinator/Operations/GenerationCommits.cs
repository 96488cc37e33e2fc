using Google.Protobuf;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MpcWallet.Contracts.Control;
using MpcWallet.Coordinator.Configuration;
using MpcWallet.Coordinator.Nodes;
using MpcWallet.Coordinator.Persistence;

namespace MpcWallet.Coordinator.Operations;

/// <summary>
/// After the switch, tells holders to commit the wallet's new generation and erase older shares: a signed
/// <c>CommitGeneration</c> (idempotent at the node). Sent by the refresh run to every holder, again to those that did
/// not answer, and to a node whose state hint (at its start) still lists an older generation of a wallet it holds. A
/// node that misses every commit still signs the new generation: a signing command naming it implies the commit.
/// </summary>
internal sealed partial class GenerationCommits(NodeControlClients clients, NodeCommands commands, CoordinatorStore store, CoordinatorOptions options, ILogger<GenerationCommits> logger)
{
    /// <summary>The nodes that did not acknowledge (unreachable, or refused).</summary>
    public async Task<IReadOnlyList<string>> SendAsync(string walletId, long keyVersion, IReadOnlyList<string> nodes, CancellationToken cancellationToken)
    {
        var missed = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Task.WhenAll(nodes.Select(async node =>
        {
            var id = ByteString.CopyFrom(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
            var command = commands.Sign(id, new NodeCommand { CommitGeneration = new CommitGenerationRequest { SessionId = id, WalletId = walletId, KeyVersion = checked((uint)keyVersion) } });
            try
            {
                var reply = await clients.For(node).CommitGenerationAsync(command, new CallOptions(deadline: DateTime.UtcNow + options.ControlCallTimeout, cancellationToken: cancellationToken));
                LogCommitted(node, walletId, keyVersion, reply.Held, reply.Erased);
            }
            catch (RpcException e)
            {
                missed.Add(node);
                LogMissed(node, walletId, keyVersion, e.Status.Detail);
            }
        }));
        return [.. missed];
    }

    /// <summary>A node's state hint: commit the current generation of every active wallet it holds an older one of.</summary>
    public async Task OnHintAsync(string node, IReadOnlyList<(string WalletId, uint KeyVersion)> held, CancellationToken cancellationToken)
    {
        var ids = held.Select(h => h.WalletId).Distinct().ToArray();
        if (ids.Length == 0)
        {
            return;
        }

        List<WalletRecord> wallets;
        await using (var context = store.Open())
        {
            wallets = await context.Wallets.AsNoTracking().Where(w => ids.Contains(w.Id) && w.Status == WalletStatus.Active).ToListAsync(cancellationToken);
        }

        foreach (var wallet in wallets.Where(w => w.NodeList.Contains(node) && held.Any(h => h.WalletId == w.Id && h.KeyVersion < w.KeyVersion)))
        {
            await SendAsync(wallet.Id, wallet.KeyVersion, [node], cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Node} committed wallet {Wallet} key version {KeyVersion} (held {Held}, erased {Erased} older shares)")]
    private partial void LogCommitted(string node, string wallet, long keyVersion, bool held, uint erased);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Node} did not acknowledge the commit of wallet {Wallet} key version {KeyVersion}: {Reason}; it is sent again at the node's next start")]
    private partial void LogMissed(string node, string wallet, long keyVersion, string reason);
}
