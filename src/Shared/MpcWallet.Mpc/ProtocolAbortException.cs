namespace MpcWallet.Mpc;

/// <summary>
/// A protocol check failed. The party that threw refuses to continue the session. <see cref="Culprit"/> names
/// the party the check blames (null when the failure cannot be attributed, e.g. an echo mismatch that may be
/// equivocation by anyone); <see cref="BanRecommended"/> is set for failures that leak secrets if retried with the
/// same peer (OT-extension, RVOLE μ and Γ checks), so the node layer must refuse further sessions with it.
/// </summary>
public sealed class ProtocolAbortException : Exception
{
    public ProtocolAbortException(int? culprit, string check, bool banRecommended, string message)
        : base(culprit is null ? $"{check}: {message}" : $"{check} (party {culprit}): {message}")
    {
        Culprit = culprit;
        Check = check;
        BanRecommended = banRecommended;
    }

    public ProtocolAbortException(int? culprit, string check, bool banRecommended, string message, Exception innerException)
        : base(culprit is null ? $"{check}: {message}" : $"{check} (party {culprit}): {message}", innerException)
    {
        Culprit = culprit;
        Check = check;
        BanRecommended = banRecommended;
    }

    public ProtocolAbortException()
        : this(null, "unknown", false, "protocol aborted")
    {
    }

    public ProtocolAbortException(string message)
        : this(null, "unknown", false, message)
    {
    }

    public ProtocolAbortException(string message, Exception innerException)
        : base(message, innerException)
    {
        Check = "unknown";
    }

    public int? Culprit { get; }

    /// <summary>A stable identifier of the failed check (see <see cref="AbortChecks"/>).</summary>
    public string Check { get; }

    public bool BanRecommended { get; }
}
