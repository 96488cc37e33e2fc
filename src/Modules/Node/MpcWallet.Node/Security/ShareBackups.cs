using MpcWallet.Mpc.Backup;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Randomness;
using MpcWallet.Node.Configuration;

namespace MpcWallet.Node.Security;

/// <summary>
/// Writes every share this node stores, encrypted to the operator's offline recovery key (<c>Node:RecoveryPublicKey</c>;
/// RFC 9180 HPKE, docs/engine-backup.md), to <c>Node:BackupDirectory</c>. Before a backup counts, its header must
/// name this node's own public share and generation, so a file that could not restore this share is never taken for a
/// backup. The file is written beside its final name, flushed to disk and renamed over it: a crash leaves the old file
/// or the new one, never half of one. A share whose backup cannot be written is not reported as stored (the session
/// fails and the coordinator retries), so no wallet becomes active with a holder that has no backup.
/// </summary>
internal sealed class ShareBackups(string nodeId, RecoveryPublicKey recipient, string directory)
{
    public const string Extension = ".mwsb";

    /// <summary>Node <paramref name="nodeId"/>'s backup writer (its data directory <paramref name="dataDirectory"/>), or null without a recovery key.</summary>
    public static ShareBackups? For(NodeOptions options, string nodeId, string dataDirectory) =>
        string.IsNullOrWhiteSpace(options.RecoveryPublicKey)
            ? null
            : new ShareBackups(nodeId, RecoveryPublicKey.Parse(options.RecoveryPublicKey.Trim()), options.BackupDirectory ?? Path.Combine(dataDirectory, "backups"));

    public string Directory { get; } = directory;

    public async Task<string> WriteAsync(string walletId, KeyShare share, CancellationToken cancellationToken)
    {
        var backup = ShareBackup.Seal(share, walletId, nodeId, recipient, SystemRandomSource.Instance);
        var header = ShareBackup.ReadHeader(backup);
        if (!header.PublicShare.Equals(share.PublicShares[share.Self - 1]) || header.Generation != share.Generation || header.PartyIndex != share.Self)
        {
            throw new InvalidOperationException($"node {nodeId}: the backup of wallet {walletId} does not describe this node's share; not writing it");
        }

        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, FileName(walletId, share.Generation));
        var temporary = path + ".tmp";
        await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
        {
            await file.WriteAsync(backup, cancellationToken);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        return path;
    }

    /// <summary><c>&lt;wallet&gt;.&lt;node&gt;.g&lt;generation&gt;.mwsb</c>, ids reduced to letters, digits, '-' and '_'.</summary>
    public string FileName(string walletId, uint generation) => $"{Safe(walletId)}.{Safe(nodeId)}.g{generation}{Extension}";

    private static string Safe(string id) => new(id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
}
