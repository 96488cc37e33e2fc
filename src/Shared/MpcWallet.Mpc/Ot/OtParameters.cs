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
}
