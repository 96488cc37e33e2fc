using MpcWallet.Coordinator.Persistence;

namespace MpcWallet.Coordinator.Signatures;

/// <summary>What became of a <see cref="SignatureIntent"/>; <see cref="Signature"/> is set when accepted now or earlier.</summary>
internal sealed record SignatureAcceptance(SignatureAcceptanceKind Kind, SignatureRecord? Signature = null, string? WalletStatus = null)
{
    public static SignatureAcceptance Accepted(SignatureRecord signature) => new(SignatureAcceptanceKind.Accepted, signature);

    public static SignatureAcceptance Repeated(SignatureRecord signature) => new(SignatureAcceptanceKind.Repeated, signature);

    public static SignatureAcceptance Conflict { get; } = new(SignatureAcceptanceKind.Conflict);

    public static SignatureAcceptance RawDigestRefused { get; } = new(SignatureAcceptanceKind.RawDigestRefused);

    /// <param name="status">The wallet's status, or null when it is unknown or another tenant's.</param>
    public static SignatureAcceptance WalletUnavailable(string? status) => new(SignatureAcceptanceKind.WalletUnavailable, WalletStatus: status);
}
