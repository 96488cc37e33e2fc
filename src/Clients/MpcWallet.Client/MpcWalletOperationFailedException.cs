namespace MpcWallet.Client;

/// <summary>A wallet, signature or transaction reached the final state <c>failed</c>; <see cref="Error"/> is the service's reason.</summary>
public sealed class MpcWalletOperationFailedException : Exception
{
    public MpcWalletOperationFailedException(string resource, string id, string? error)
        : base($"{resource} {id} failed: {error ?? "no reason given"}")
    {
        Resource = resource;
        Id = id;
        Error = error;
    }

    public MpcWalletOperationFailedException()
        : this("resource", "", null)
    {
    }

    public MpcWalletOperationFailedException(string message)
        : base(message)
    {
        Resource = "resource";
        Id = "";
    }

    public MpcWalletOperationFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Resource = "resource";
        Id = "";
    }

    /// <summary>"wallet", "signature" or "transaction".</summary>
    public string Resource { get; }

    public string Id { get; }

    public string? Error { get; }
}
