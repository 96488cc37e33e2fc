using System.Security.Cryptography;
using System.Text.Json;
using MpcWallet.Coordinator;
using MpcWallet.Infrastructure.Trust;
using MpcWallet.Node;

namespace MpcWallet.Host.Composition;

/// <summary>
/// <c>MpcWallet.Host trust …</c>: enrollment for a split deployment (README, "Enrollment"; docs/design-trust.md).
/// <list type="bullet">
/// <item><c>operator-key new --out FILE</c>: a new operator key (private half to FILE, 0600; the public half printed).</item>
/// <item><c>node-identity &lt;the node process's arguments&gt;</c>: opens the node's sealed store with its key-encryption key and prints its manifest entry
/// (with <c>tlsCertificateSha256</c> when Kestrel's default certificate is configured).</item>
/// <item><c>coordinator-identity &lt;the coordinator process's arguments&gt;</c>: its identity key file (created when absent) as a manifest entry
/// (with <c>tlsCertificateSha256</c> when <c>Coordinator:Tls:CertificatePath</c> is set).</item>
/// <item><c>manifest new --cluster-id ID --out DRAFT [--from MANIFEST]</c>, <c>manifest add-node --draft DRAFT --id ID --identity-key B64</c>,
/// <c>manifest add-coordinator --draft DRAFT --id ID --signing-key B64 --encryption-key B64</c>,
/// <c>manifest sign --draft DRAFT --operator-key FILE --out MANIFEST</c>,
/// <c>manifest show --manifest MANIFEST --operator-public-key KEY|--operator-public-key-file FILE</c>.</item>
/// </list>
/// A failure prints one line and exits with code 2.
/// </summary>
public static class TrustCommand
{
    public const string Name = "trust";

    private static readonly JsonSerializerOptions Line = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            switch (args)
            {
                case ["operator-key", "new", .. var rest]:
                    NewOperatorKey(Flags(rest), output);
                    return 0;
                case ["node-identity", .. var rest]:
                    foreach (var entry in await NodeIdentitiesAsync(rest))
                    {
                        output.WriteLine(JsonSerializer.Serialize(entry, Line));
                    }

                    return 0;
                case ["coordinator-identity", .. var rest]:
                    output.WriteLine(JsonSerializer.Serialize(CoordinatorIdentity(rest), Line));
                    return 0;
                case ["manifest", var verb, .. var rest]:
                    Manifest(verb, Flags(rest), output);
                    return 0;
                default:
                    throw new InvalidOperationException("usage: trust operator-key new | node-identity <node args> | coordinator-identity <coordinator args> | manifest new|add-node|add-coordinator|sign|show … (README, \"Enrollment\")");
            }
        }
        catch (Exception e) when (e is InvalidOperationException or ManifestException or IOException or UnauthorizedAccessException or KeyNotFoundException)
        {
            error.WriteLine($"MpcWallet trust: {e.Message}");
            return 2;
        }
    }

    /// <summary>The manifest entries of the nodes a process started with <paramref name="processArguments"/> runs.</summary>
    public static async Task<IReadOnlyList<ManifestDraft.Node>> NodeIdentitiesAsync(string[] processArguments)
    {
        // The NodeControl server certificate (Kestrel's default certificate) of a process serving one node over TLS.
        string? fingerprint;
        using (var certificate = CertificateFiles.KestrelDefault(MpcWalletHost.ReadConfiguration(processArguments)))
        {
            fingerprint = certificate is null ? null : CertificatePinning.Fingerprint(certificate);
        }

        await using var app = OfflineHost.Build(processArguments);
        var identities = await NodeModule.ReadIdentitiesAsync(app.Services, CancellationToken.None);
        return identities.Select(i => new ManifestDraft.Node { Id = i.NodeId, IdentityKey = Convert.ToBase64String(i.IdentityKey), TlsCertificateSha256 = fingerprint }).ToArray();
    }

    /// <summary>The manifest entry of the coordinator a process started with <paramref name="processArguments"/> is.</summary>
    public static ManifestDraft.Coordinator CoordinatorIdentity(string[] processArguments)
    {
        if (string.IsNullOrWhiteSpace(MpcWalletHost.ReadConfiguration(processArguments)["Coordinator:InstanceId"]))
        {
            // The manifest names the instance; a random id per start would never match it.
            throw new InvalidOperationException("a coordinator needs a stable Coordinator:InstanceId to be enrolled; pass the same --Coordinator:InstanceId the process runs with");
        }

        using var app = OfflineHost.Build(processArguments);
        return CoordinatorModule.ReadIdentity(app.Services);
    }

    private static void NewOperatorKey(Dictionary<string, string> flags, TextWriter output)
    {
        var seed = RandomNumberGenerator.GetBytes(TaggedSignature.KeyLength);
        try
        {
            KeyFiles.Create(Required(flags, "out"), seed);
            output.WriteLine(Convert.ToBase64String(TaggedSignature.PublicKeyOf(seed)));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    private static void Manifest(string verb, Dictionary<string, string> flags, TextWriter output)
    {
        switch (verb)
        {
            case "new":
                var draft = flags.TryGetValue("from", out var from)
                    ? ManifestDocument.ReadUnverified(File.ReadAllText(from))
                    : new ManifestDraft { ClusterId = Required(flags, "cluster-id"), Version = 0 };
                draft.Version++;
                draft.IssuedAt = DateTimeOffset.UtcNow;
                WriteDraft(Required(flags, "out"), draft, createNew: true);
                break;
            case "add-node":
                Edit(flags, d =>
                {
                    d.Nodes.RemoveAll(n => n.Id == Required(flags, "id"));
                    d.Nodes.Add(new ManifestDraft.Node { Id = Required(flags, "id"), IdentityKey = Required(flags, "identity-key"), TlsCertificateSha256 = Fingerprint(flags) });
                });
                break;
            case "add-coordinator":
                Edit(flags, d =>
                {
                    d.Coordinators.RemoveAll(c => c.Id == Required(flags, "id"));
                    d.Coordinators.Add(new ManifestDraft.Coordinator
                    {
                        Id = Required(flags, "id"),
                        SigningKey = Required(flags, "signing-key"),
                        EncryptionKey = Required(flags, "encryption-key"),
                        TlsCertificateSha256 = Fingerprint(flags),
                    });
                });
                break;
            case "sign":
                var signed = ReadDraft(Required(flags, "draft"));
                var key = KeyFiles.Read(Required(flags, "operator-key"), TaggedSignature.KeyLength, "the operator key");
                try
                {
                    var text = ManifestDocument.Sign(signed, key);
                    var manifest = ManifestDocument.Verify(text, TaggedSignature.PublicKeyOf(key));
                    File.WriteAllText(Required(flags, "out"), text);
                    output.WriteLine($"signed {manifest}");
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(key);
                }

                break;
            case "show":
                var operatorKey = flags.TryGetValue("operator-public-key", out var inline)
                    ? KeyFiles.Decode(inline, TaggedSignature.KeyLength, "--operator-public-key")
                    : KeyFiles.Read(Required(flags, "operator-public-key-file"), TaggedSignature.KeyLength, "--operator-public-key-file");
                var text2 = File.ReadAllText(Required(flags, "manifest"));
                var verified = ManifestDocument.Verify(text2, operatorKey);
                output.WriteLine($"verified: {verified}");
                output.WriteLine(ManifestDocument.ReadUnverified(text2).ToIndentedJson());
                break;
            default:
                throw new InvalidOperationException($"unknown manifest command '{verb}' (new, add-node, add-coordinator, sign, show)");
        }
    }

    private static void Edit(Dictionary<string, string> flags, Action<ManifestDraft> change)
    {
        var path = Required(flags, "draft");
        var draft = ReadDraft(path);
        change(draft);
        ClusterManifest.From(draft); // every edit leaves a draft that would be accepted
        WriteDraft(path, draft, createNew: false);
    }

    // As `trust node-identity` prints it, or as `openssl x509 -noout -fingerprint -sha256` does (AB:CD:…).
    private static string? Fingerprint(Dictionary<string, string> flags) =>
        flags.GetValueOrDefault("tls-certificate-sha256")?.Replace(":", "", StringComparison.Ordinal).Trim().ToLowerInvariant();

    private static ManifestDraft ReadDraft(string path) => ManifestDraft.Parse(File.ReadAllBytes(path));

    private static void WriteDraft(string path, ManifestDraft draft, bool createNew)
    {
        if (createNew && File.Exists(path))
        {
            throw new InvalidOperationException($"{path} exists already");
        }

        File.WriteAllText(path, draft.ToIndentedJson() + "\n");
    }

    private static string Required(Dictionary<string, string> flags, string name) =>
        flags.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : throw new InvalidOperationException($"--{name} is required");

    private static Dictionary<string, string> Flags(string[] args)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new InvalidOperationException($"expected --name value pairs, got '{args[i]}'");
            }

            if (!flags.TryAdd(args[i][2..], args[++i]))
            {
                throw new InvalidOperationException($"{args[i - 1]} given twice");
            }
        }

        return flags;
    }
}
