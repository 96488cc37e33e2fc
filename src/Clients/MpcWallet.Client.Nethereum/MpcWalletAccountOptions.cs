namespace MpcWallet.Client.Nethereum;

/// <summary>Settings of an <see cref="MpcWalletAccount"/>.</summary>
public sealed record MpcWalletAccountOptions
{
    /// <summary>How long a transaction may take to be signed and submitted by the service before sending fails.</summary>
    public TimeSpan SubmissionTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>How long a message or typed-data signature may take.</summary>
    public TimeSpan SignatureTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
