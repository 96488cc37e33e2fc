namespace MpcWallet.Mpc;

/// <summary>Stable names of the checks whose failure aborts a protocol run (the <c>Check</c> of an abort).</summary>
public static class AbortChecks
{
    public const string MalformedMessage = "malformed-message";
    public const string CommitmentMismatch = "commitment-mismatch";
    public const string SchnorrProof = "schnorr-proof";
    public const string SessionDigestMismatch = "session-digest-mismatch";
    public const string CoefficientCount = "coefficient-count";
    public const string ProofCount = "proof-count";
    public const string FeldmanShare = "feldman-share";
    public const string CommitmentEcho = "commitment-echo";
    public const string ChainCodeOpening = "chain-code-opening";
    public const string PublicKeyMismatch = "public-key-mismatch";
    public const string PublicShareMismatch = "public-share-mismatch";
    public const string SecretShareProof = "secret-share-proof";
    public const string SecretRecovery = "secret-recovery";
    public const string RefreshConstantTerm = "refresh-constant-term";
    public const string RefreshPublicKey = "refresh-public-key";
    public const string ReshareRoster = "reshare-roster";
    public const string ReshareKeyView = "reshare-key-view";
    public const string ReshareConstantTerm = "reshare-constant-term";
    public const string ResharePublicKey = "reshare-public-key";
    public const string KeyGenerationMismatch = "key-generation-mismatch";
    public const string SigningSessionMismatch = "signing-session-mismatch";
    public const string SigningEchoMismatch = "signing-echo-mismatch";
    public const string NonceConsistency = "rvole-nonce-consistency";
    public const string KeyShareConsistency = "rvole-key-share-consistency";
    public const string DerivedPublicKeySum = "derived-public-key-sum";
    public const string NonceIdentity = "nonce-identity";
    public const string NonceXZero = "nonce-x-zero";
    public const string PartialSignatureSet = "partial-signature-set";
    public const string PartialSignatureMismatch = "partial-signature-mismatch";
    public const string NonceProductZero = "nonce-product-zero";
    public const string SignatureZero = "signature-s-zero";
    public const string UnencodableRecoveryId = "unencodable-recovery-id";
    public const string FinalSignatureInvalid = "final-signature-invalid";
    public const string BaseOtMalformed = "base-ot-malformed";
    public const string OtExtensionConsistency = "ot-extension-consistency";
    public const string RvoleMalformed = "rvole-malformed";
    public const string RvoleMu = "rvole-mu";
    public const string DegenerateKey = "degenerate-key";
    public const string ZeroSeedConfirmation = "zero-seed-confirmation";

    /// <summary>A round threw something other than a failed check (a bug, a throwing random source): no culprit, no ban.</summary>
    public const string InternalError = "internal-error";
}
