using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Logging;
using MpcWallet.Contracts.Events;
using MpcWallet.Contracts.FinalSignatures;
using MpcWallet.Contracts.SignatureRequests;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Signing;
using MpcWallet.Ethereum.Signatures;
using MpcWallet.Transactions.Messaging;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Rpc;

/// <summary>
/// Message signatures for the JSON-RPC endpoint (<c>personal_sign</c>, <c>eth_sign</c>, <c>eth_signTypedData_v4</c>,
/// <c>eth_signTransaction</c>): the digest is computed here from what is signed, asked of the coordinator with that
/// pre-image like a transaction's (<see cref="SignatureRequested"/> through the outbox, our own signature id), and
/// the caller waits for the answer. An answer is accepted only for
/// the digest and wallet asked, normalised to low s, and only if it recovers to the wallet address. Unanswered, the
/// request is sent again every <see cref="ResendEvery"/> under the same id (at most one signature; the coordinator
/// answers a repeat with the signature it made, so a competing transaction-service instance that took the first
/// answer does not leave the caller waiting). The coordinator keeps each signature as a resource
/// (<c>GET /v1/signatures/{id}</c>), which the caller's tenant can read.
/// </summary>
internal sealed partial class MessageSignatures(TransactionsStore store, ILogger<MessageSignatures> logger) : IWaitingSignatures
{
    public static readonly TimeSpan ResendEvery = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, PendingMessageSignature> _waiting = new(StringComparer.Ordinal);

    /// <summary>The 65-byte r‖s‖v signature (v = 27/28, low s), or the error to answer.</summary>
    public async Task<(byte[]? Signature, JsonRpcError? Error)> SignAsync(WalletRecord wallet, SigningPreImage preImage, string purpose, TimeSpan wait, CancellationToken cancellationToken)
    {
        byte[] digest;
        try
        {
            digest = preImage.Digest();
        }
        catch (SigningPreImageException e)
        {
            return (null, JsonRpcError.InvalidParams(e.Message));
        }

        var id = "sig_" + Guid.NewGuid().ToString("N");
        var waiting = new PendingMessageSignature(wallet, preImage, HexBytes.ToHex(digest));
        _waiting[id] = waiting;
        LogRequested(wallet.Id, purpose, id, waiting.Digest);
        try
        {
            var until = DateTimeOffset.UtcNow + wait;
            while (true)
            {
                await RequestAsync(id, waiting, purpose, cancellationToken);
                var left = until - DateTimeOffset.UtcNow;
                var slice = left < ResendEvery ? left : ResendEvery;
                if (slice > TimeSpan.Zero && await Task.WhenAny(waiting.Answer.Task, Task.Delay(slice, cancellationToken)) == waiting.Answer.Task)
                {
                    return await waiting.Answer.Task;
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (DateTimeOffset.UtcNow >= until)
                {
                    return (null, JsonRpcError.ResourceUnavailable($"the signature was not made within {wait.TotalSeconds:0} s; it may still complete: GET /v1/signatures/{id}", new { signatureId = id }));
                }
            }
        }
        finally
        {
            _waiting.TryRemove(id, out _);
        }
    }

    /// <summary>Takes the coordinator's answer if it is for a message signature this process waits for.</summary>
    public bool TryComplete(SignatureFinalized message)
    {
        if (!_waiting.TryGetValue(message.SignatureId, out var waiting))
        {
            return false;
        }

        var (signature, problem) = Verify(message, waiting);
        if (problem is not null)
        {
            LogUnusable(message.SignatureId, problem);
        }

        waiting.Answer.TrySetResult(signature is null ? (null, JsonRpcError.Internal("the coordinator's signature is unusable: " + problem)) : (signature, null));
        return true;
    }

    /// <summary>Takes the coordinator's refusal if it is for a message signature this process waits for.</summary>
    public bool TryFail(SignatureFailed message)
    {
        if (!_waiting.TryGetValue(message.SignatureId, out var waiting))
        {
            return false;
        }

        waiting.Answer.TrySetResult((null, JsonRpcError.TransactionRejected("signing failed: " + message.Reason, new { signatureId = message.SignatureId })));
        return true;
    }

    private static (byte[]? Signature, string? Problem) Verify(SignatureFinalized message, PendingMessageSignature waiting)
    {
        if (message.WalletId != waiting.Wallet.Id || message.Tenant != waiting.Wallet.Tenant)
        {
            return (null, $"it is for wallet {message.WalletId}, not {waiting.Wallet.Id}");
        }

        if (!string.Equals(message.Digest, waiting.Digest, StringComparison.Ordinal))
        {
            return (null, $"it signs {message.Digest}, not the message digest {waiting.Digest}");
        }

        if (message.V is not (27 or 28))
        {
            return (null, $"v must be 27 or 28, got {message.V}");
        }

        try
        {
            var signature = Signature.FromRecoverable(HexBytes.ParseFixed(message.R, 32), HexBytes.ParseFixed(message.S, 32), message.V - 27);
            var signer = SignatureRecovery.RecoverAddress(HexBytes.Parse(waiting.Digest), signature);
            var wallet = EthereumAddress.Parse(waiting.Wallet.Address);
            return signer == wallet ? (signature.ToRsv(), null) : (null, $"it recovers to {signer}, not the wallet address {wallet}");
        }
        catch (Exception e) when (e is SignatureException or ArgumentException or FormatException)
        {
            return (null, e.Message);
        }
    }

    private Task RequestAsync(string id, PendingMessageSignature waiting, string purpose, CancellationToken cancellationToken) =>
        store.WriteAsync(unit =>
        {
            var messageId = NewId.NextGuid();
            unit.Publish(messageId, new SignatureRequested
            {
                MessageId = messageId,
                SignatureId = id,
                WalletId = waiting.Wallet.Id,
                Tenant = waiting.Wallet.Tenant,
                Digest = waiting.Digest,
                PreImageKind = SigningPreImageText.KindName(waiting.PreImage),
                PreImage = SigningPreImageText.TextOf(waiting.PreImage),
                Purpose = purpose,
                RequestedAt = unit.Now,
            });
            return Task.CompletedTask;
        }, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Wallet {WalletId}: {Purpose} requested as signature {SignatureId} of digest {Digest}")]
    private partial void LogRequested(string walletId, string purpose, string signatureId, string digest);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message signature {SignatureId}: the coordinator's answer is unusable: {Problem}")]
    private partial void LogUnusable(string signatureId, string problem);
}
