namespace MpcWallet.Contracts.PartialSignatures;

/// <summary>
/// Channel <c>partial_signatures</c>: a signer's final-round output (the engine's encoded PartialSignature), for the
/// coordinator to aggregate. Not secret on its own, but only useful for this one session.
/// </summary>
public sealed record PartialSignatureSubmitted
{
    public required Guid MessageId { get; init; }

    public required string SessionId { get; init; }

    public required string Node { get; init; }

    public required byte[] Payload { get; init; }
}
