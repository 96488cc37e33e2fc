namespace MpcWallet.Coordinator.Operations;

/// <summary>
/// The API's generation of a wallet key and the stored key version: the engine numbers a key generation's shares 0
/// (<c>KeyShare.Generation</c>, the nodes' and the coordinator's <c>key_version</c>), the API counts from 1. Stored data
/// keeps the engine's numbering; only the API (and the events) show it + 1.
/// </summary>
internal static class Generations
{
    public static long Of(long keyVersion) => keyVersion + 1;
}
