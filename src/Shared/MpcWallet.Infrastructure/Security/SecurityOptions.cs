namespace MpcWallet.Infrastructure.Security;

/// <summary>The <c>Security</c> section.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// Development only: lets a split-deployment process start with cleartext links (<see cref="CleartextLinks"/>),
    /// warning about each. Never set it in production: the links then carry credentials and data readable on the network.
    /// </summary>
    public bool AllowCleartext { get; set; }
}
