namespace MpcWallet.Mpc.Multiplication;

/// <summary>Fixed RVOLE shape: ℓ = 2 inputs (a0, a1) plus one check element, over ξ = 512 rows.</summary>
internal static class RvoleConstants
{
    public const int Inputs = 2;
    public const int Width = Inputs + 1;
    public const int Rows = Ot.OtParameters.RvoleRows;
}
