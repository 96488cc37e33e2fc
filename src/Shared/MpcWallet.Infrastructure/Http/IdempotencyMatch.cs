namespace MpcWallet.Infrastructure.Http;

/// <summary>What an earlier use of an Idempotency-Key says about this request.</summary>
public enum IdempotencyMatch
{
    /// <summary>The key was not used before: create.</summary>
    None,

    /// <summary>The key was used with the same request: answer with the resource it created.</summary>
    Same,

    /// <summary>The key was used with a different request: 409.</summary>
    Different,
}
