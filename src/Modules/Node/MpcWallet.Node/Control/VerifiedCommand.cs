using MpcWallet.Contracts.Control;

namespace MpcWallet.Node.Control;

/// <summary>A command whose signature, sender, validity and session <see cref="CommandVerifier"/> checked.</summary>
internal sealed record VerifiedCommand(string CoordinatorId, NodeCommand Command);
