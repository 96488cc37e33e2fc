using System.Security.Cryptography;
using System.Text.Json;
using MpcWallet.Infrastructure.Trust;
using MpcWallet.Mpc;
using MpcWallet.Mpc.Backup;
using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Randomness;
using MpcWallet.Node;

namespace MpcWallet.Host.Composition;

/// <summary>
/// <c>MpcWallet.Host backup …</c>: the operator's offline tooling for share backups (docs/engine-backup.md, README
/// "Share backups"). It needs no service and no configuration, and is meant for the offline machine that keeps the
/// recovery private key:
/// <list type="bullet">
/// <item><c>backup recovery-key new --out FILE</c>: a new recovery key; the private half goes to FILE (a key file:
/// base64, owner-only, never overwritten), the public half is printed for <c>Node:RecoveryPublicKey</c>.</item>
/// <item><c>backup inspect FILE</c>: what a backup file is (its authenticated header), without any key.</item>
/// <item><c>backup rewrap --in FILE --recovery-key FILE --wallet ID --node ID --public-key 0x… [--key-id HEX] --to HEX
/// --out FILE</c>: opens a backup with the recovery key, checking it against the wallet's public record, and seals
/// the share again to another X25519 public key (an empty node's one-time restore key): the plaintext share exists
/// only in this process's memory, and is erased.</item>
/// <item><c>backup restore-key &lt;the node process's arguments&gt;</c> (on the node's machine, node stopped): gives the
/// node a one-time restore key, sealed in its store, and prints the public half for <c>rewrap --to</c>.</item>
/// <item><c>backup restore --in FILE --wallet ID --public-key 0x… --allow-raw-digest true|false [--key-id HEX] --
/// &lt;the node process's arguments&gt;</c> (node stopped): the node takes the re-sealed backup as its share, checked
/// against the wallet's public record; the one-time key is erased. Start the node again afterwards.</item>
/// </list>
/// Exit codes: 0 done, 2 bad arguments or a refused backup (the reason on standard error).
/// </summary>
public static class BackupCommand
{
    public const string Name = "backup";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            return args switch
            {
                ["recovery-key", "new", .. var rest] => NewRecoveryKey(Options(rest), output),
                ["inspect", var file] => Inspect(file, output),
                ["rewrap", .. var rest] => Rewrap(Options(rest), output, error),
                ["restore-key", .. var process] => await RestoreKeyAsync(process, output),
                ["restore", .. var rest] => await RestoreAsync(rest, output),
                _ => Usage(error),
            };
        }
        catch (Exception e) when (e is ShareBackupException or MpcDecodeException or ArgumentException or FormatException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"MpcWallet backup: {e.Message}");
            return 2;
        }
    }

    private static int NewRecoveryKey(Dictionary<string, string> options, TextWriter output)
    {
        var path = Required(options, "out");
        using var key = RecoveryPrivateKey.Generate(SystemRandomSource.Instance);
        var scalar = key.Export();
        try
        {
            KeyFiles.Create(path, scalar);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scalar);
        }

        output.WriteLine(key.PublicKey.ToString());
        return 0;
    }

    private static int Inspect(string file, TextWriter output)
    {
        var header = ShareBackup.ReadHeader(File.ReadAllBytes(file));
        output.WriteLine(JsonSerializer.Serialize(new
        {
            walletId = header.WalletId,
            nodeId = header.NodeId,
            partyIndex = header.PartyIndex,
            threshold = header.Threshold,
            parties = header.PartyCount,
            generation = header.Generation,
            keyId = Convert.ToHexStringLower(header.KeyId),
            publicKey = "0x" + Convert.ToHexStringLower(header.PublicKey.Encode()),
            publicShare = "0x" + Convert.ToHexStringLower(header.PublicShare.Encode()),
            recoveryPublicKey = header.Recipient.ToString(),
        }));
        return 0;
    }

    private static int Rewrap(Dictionary<string, string> options, TextWriter output, TextWriter error)
    {
        var backup = File.ReadAllBytes(Required(options, "in"));
        var header = ShareBackup.ReadHeader(backup);
        var publicKey = Point.Decode(Hex(Required(options, "public-key")));
        byte[] keyId;
        if (options.TryGetValue("key-id", out var keyIdText))
        {
            keyId = Hex(keyIdText);
        }
        else
        {
            // The wallet's current key id is not in its public REST record yet; without it the backup's own is taken,
            // so a backup of an older generation is not told apart here (the node refuses it at restore).
            keyId = header.KeyId;
            error.WriteLine($"MpcWallet backup: no --key-id given: taking the backup's own (generation {header.Generation}) without checking it is the wallet's current one");
        }

        var expected = new ShareBackupExpectation(Required(options, "wallet"), Required(options, "node"), publicKey, keyId);
        var recipient = RecoveryPublicKey.Parse(Required(options, "to"));
        var scalar = KeyFiles.Read(Required(options, "recovery-key"), RecoveryPublicKey.Length, "the recovery key");
        using var recoveryKey = RecoveryPrivateKey.Import(scalar);
        CryptographicOperations.ZeroMemory(scalar);
        var share = ShareBackup.Restore(backup, recoveryKey, expected);
        try
        {
            File.WriteAllBytes(Required(options, "out"), ShareBackup.Seal(share, expected.WalletId, expected.NodeId, recipient, SystemRandomSource.Instance));
        }
        finally
        {
            share.Clear();
        }

        output.WriteLine($"sealed the share of wallet {expected.WalletId} for node {expected.NodeId} (generation {header.Generation}) to {recipient}");
        return 0;
    }

    private static async Task<int> RestoreKeyAsync(string[] processArguments, TextWriter output)
    {
        await using var app = OfflineHost.Build(processArguments);
        output.WriteLine((await NodeModule.CreateRestoreKeyAsync(app.Services, CancellationToken.None)).ToString());
        return 0;
    }

    private static async Task<int> RestoreAsync(string[] args, TextWriter output)
    {
        var separator = Array.IndexOf(args, "--");
        if (separator < 0)
        {
            throw new ArgumentException("give the node process's arguments after --");
        }

        var options = Options(args[..separator]);
        var allow = Required(options, "allow-raw-digest") switch
        {
            "true" => true,
            "false" => false,
            _ => throw new ArgumentException("--allow-raw-digest is true or false: the wallet's allowRawDigest (GET /v1/wallets/{id})"),
        };
        byte[]? keyId = options.TryGetValue("key-id", out var keyIdText) ? Hex(keyIdText) : null;
        await using var app = OfflineHost.Build(args[(separator + 1)..]);
        var header = await NodeModule.RestoreShareAsync(
            app.Services,
            File.ReadAllBytes(Required(options, "in")),
            Required(options, "wallet"),
            Point.Decode(Hex(Required(options, "public-key"))),
            keyId,
            allow,
            CancellationToken.None);
        output.WriteLine($"node {header.NodeId} holds its share of wallet {header.WalletId} (party {header.PartyIndex}, {header.Threshold}-of-{header.PartyCount}, generation {header.Generation}) again; start it");
        return 0;
    }

    private static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"expected --name value pairs, got \"{args[i]}\"");
            }

            options[args[i][2..]] = args[i + 1];
        }

        return options;
    }

    private static string Required(Dictionary<string, string> options, string name) =>
        options.TryGetValue(name, out var value) && value.Length > 0 ? value : throw new ArgumentException($"--{name} is required");

    private static byte[] Hex(string text) => Convert.FromHexString(text.StartsWith("0x", StringComparison.Ordinal) ? text[2..] : text);

    private static int Usage(TextWriter error)
    {
        error.WriteLine("usage: backup recovery-key new --out FILE | backup inspect FILE | backup rewrap --in FILE --recovery-key FILE --wallet ID --node ID --public-key 0x… [--key-id HEX] --to HEX --out FILE | backup restore-key <node args> | backup restore --in FILE --wallet ID --public-key 0x… --allow-raw-digest true|false [--key-id HEX] -- <node args>");
        return 2;
    }
}
