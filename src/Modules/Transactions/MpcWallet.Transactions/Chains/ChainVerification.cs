using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MpcWallet.Ethereum.Rpc;

namespace MpcWallet.Transactions.Chains;

/// <summary>
/// Asks every configured node for <c>eth_chainId</c>. A different id refuses the chain for good (error log,
/// readiness fails, requests for it are refused); an unreachable node is asked again until it answers.
/// </summary>
internal sealed partial class ChainVerification(ChainRegistry chains, ILogger<ChainVerification> logger)
{
    public async Task VerifyAsync(Chain chain, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (chain.State == ChainState.Unverified)
        {
            try
            {
                var reported = await chain.Client.GetChainIdAsync(cancellationToken);
                if (reported == chain.Id)
                {
                    chain.MarkReady();
                    LogReady(chain.Id, chain.NodeAddress);
                }
                else
                {
                    chain.MarkRefused($"the node at {chain.NodeAddress} reports chain id {reported}, not the configured {chain.Id}");
                    LogRefused(chain.Id, chain.NodeAddress, reported);
                }

                return;
            }
            catch (Exception e) when (e is EthereumRpcException or EthereumRpcTransportException or EthereumRpcResponseException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                chain.MarkUnreachable($"the node at {chain.NodeAddress} does not answer: {e.Message}");
                LogUnreachable(chain.Id, chain.NodeAddress, e.Message, delay);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    public Task VerifyAllAsync(CancellationToken cancellationToken) => Task.WhenAll(chains.All.Select(c => VerifyAsync(c, cancellationToken)));

    [LoggerMessage(Level = LogLevel.Information, Message = "Chain {ChainId}: node {RpcUrl} verified (eth_chainId matches)")]
    private partial void LogReady(ulong chainId, string rpcUrl);

    [LoggerMessage(Level = LogLevel.Error, Message = "Chain {ChainId} REFUSED: the node at {RpcUrl} reports eth_chainId {Reported}; no transaction will be sent on this chain until the configuration is fixed")]
    private partial void LogRefused(ulong chainId, string rpcUrl, ulong reported);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chain {ChainId}: node {RpcUrl} unreachable ({Error}); asking again in {Delay}")]
    private partial void LogUnreachable(ulong chainId, string rpcUrl, string error, TimeSpan delay);
}
