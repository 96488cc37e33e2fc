namespace MpcWallet.Infrastructure.Trust;

/// <summary>
/// The <c>Trust</c> section: the operator's public key every process trusts (never its private half) and the signed
/// cluster manifest (docs/design-trust.md). A split deployment needs both; a single-host process running coordinator
/// and nodes together makes development ones up under its data directory.
/// </summary>
public sealed class TrustOptions
{
    public const string Section = "Trust";

    /// <summary>The operator's Ed25519 public key, base64 or hex (32 bytes).</summary>
    public string? OperatorPublicKey { get; set; }

    /// <summary>A file holding <see cref="OperatorPublicKey"/> instead.</summary>
    public string? OperatorPublicKeyFile { get; set; }

    /// <summary>The signed cluster manifest (JSON, <c>mpcwallet-cluster-manifest/v1</c>).</summary>
    public string? ManifestPath { get; set; }

    /// <summary>True when any trust setting is given.</summary>
    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(OperatorPublicKey) || !string.IsNullOrWhiteSpace(OperatorPublicKeyFile) || !string.IsNullOrWhiteSpace(ManifestPath);
}
