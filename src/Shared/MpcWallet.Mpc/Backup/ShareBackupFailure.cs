namespace MpcWallet.Mpc.Backup;

/// <summary>Why a share backup was refused.</summary>
public enum ShareBackupFailure
{
    /// <summary>Not a share backup, truncated, or a field out of range.</summary>
    Malformed,

    /// <summary>A format version or HPKE suite this code does not read.</summary>
    Unsupported,

    /// <summary>Encrypted to another recovery key than the one offered.</summary>
    WrongRecoveryKey,

    /// <summary>The backup is of another wallet, node, key, generation, party or public share than expected.</summary>
    Mismatch,

    /// <summary>The ciphertext or the authenticated header was altered (authentication failed).</summary>
    Tampered,
}
