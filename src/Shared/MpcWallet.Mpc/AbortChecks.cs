namespace MpcWallet.Mpc;

/// <summary>Stable names of the checks whose failure aborts a protocol run (the <c>Check</c> of an abort).</summary>
public static class AbortChecks
{
    public const string MalformedMessage = "malformed-message";
    public const string CommitmentMismatch = "commitment-mismatch";
    public const string SchnorrProof = "schnorr-proof";
}
