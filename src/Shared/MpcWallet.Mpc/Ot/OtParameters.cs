namespace MpcWallet.Mpc.Ot;

/// <summary>
/// Fixed parameters of the OT layer (documented in docs/engine.md). κ = 256 base OTs per ordered pair,
/// ξ = κ + 2·λs = 512 RVOLE rows with λs = 128, 128 extra random rows for the extension's consistency check.
/// </summary>
public static class OtParameters
{
    public const int BaseOtCount = 256;
    public const int SeedLength = 32;
    public const int RvoleRows = 512;
    public const int CheckRows = 128;
    public const int ExtendedRows = RvoleRows + CheckRows;

    /// <summary>
    /// The most signing sessions a node may have prepared or running at once with one peer on one wallet and key
    /// generation. Each holds one OT-extension check against this node's Δ toward that peer, and each failed check can
    /// leak one bit of Δ before a ban lands, so this bounds the leak per ban (docs/engine-signing.md §4.1). The node
    /// enforces it; the engine cannot see other sessions.
    /// </summary>
    public const int MaxInFlightChecksPerPeer = 2;
}
