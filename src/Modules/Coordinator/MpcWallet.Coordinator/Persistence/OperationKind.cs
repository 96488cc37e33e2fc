namespace MpcWallet.Coordinator.Persistence;

/// <summary>Operation kinds as the API spells them (resharing, issue 12 item 3, adds "reshare").</summary>
internal static class OperationKind
{
    public const string Refresh = "refresh";
}
