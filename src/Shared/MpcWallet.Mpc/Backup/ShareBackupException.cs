namespace MpcWallet.Mpc.Backup;

/// <summary>A share backup was refused; <see cref="Reason"/> says why, the message says what differs.</summary>
public sealed class ShareBackupException : Exception
{
    public ShareBackupException(ShareBackupFailure reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    public ShareBackupException()
        : this(ShareBackupFailure.Malformed, "invalid share backup")
    {
    }

    public ShareBackupException(string message)
        : this(ShareBackupFailure.Malformed, message)
    {
    }

    public ShareBackupException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = ShareBackupFailure.Malformed;
    }

    public ShareBackupFailure Reason { get; }
}
