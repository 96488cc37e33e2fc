namespace MpcWallet.Coordinator.Signatures;

internal enum SignatureAcceptanceKind
{
    /// <summary>A new pending signature, claimed by this coordinator and queued.</summary>
    Accepted,

    /// <summary>The same request was accepted before: its signature, whatever its state now.</summary>
    Repeated,

    /// <summary>The signature id or the Idempotency-Key was already used for another request.</summary>
    Conflict,

    /// <summary>The wallet is unknown, another tenant's, or not active.</summary>
    WalletUnavailable,

    /// <summary>A raw digest on a wallet whose policy does not allow raw digests.</summary>
    RawDigestRefused,
}
