using MpcWallet.Contracts.Events;
using MpcWallet.Contracts.FinalSignatures;

namespace MpcWallet.Transactions.Messaging;

/// <summary>
/// Signatures someone in this process waits for that are not transaction attempts (the JSON-RPC door's message
/// signatures): the consumers offer every answer here first. Declared here so the consumers depend on no door.
/// </summary>
internal interface IWaitingSignatures
{
    /// <summary>True when the signature was awaited here (and is now answered).</summary>
    bool TryComplete(SignatureFinalized message);

    /// <summary>True when the failed signature was awaited here (and the waiter is now told).</summary>
    bool TryFail(SignatureFailed message);
}
