using System.Security.Cryptography;
using MpcWallet.Host.Composition;
using MpcWallet.Infrastructure.Trust;

namespace MpcWallet.EndToEndTests.Support;

/// <summary>
/// Enrollment for in-process split hosts (coordinator and nodes in different hosts of this test process), with the
/// code of the host's <c>trust</c> commands: each node process's and coordinator process's identity read with its own
/// arguments, a manifest signed by a fresh operator key. Returns the arguments every host then starts with.
/// </summary>
internal static class TestTrust
{
    /// <param name="change">a change to the enrolled membership before it is signed (tests of refusals).</param>
    /// <param name="operatorKey">the operator's signing key (several versions of one cluster's manifest); null: a fresh one.</param>
    public static async Task<string[]> EnrollAsync(IReadOnlyList<string[]> nodeProcesses, IReadOnlyList<string[]> coordinatorProcesses, Action<ManifestDraft>? change = null, byte[]? operatorKey = null)
    {
        var draft = new ManifestDraft { ClusterId = "tests", Version = 1, IssuedAt = DateTimeOffset.UtcNow };
        foreach (var process in nodeProcesses)
        {
            draft.Nodes.AddRange(await TrustCommand.NodeIdentitiesAsync(process));
        }

        foreach (var process in coordinatorProcesses)
        {
            draft.Coordinators.Add(TrustCommand.CoordinatorIdentity(process));
        }

        change?.Invoke(draft);
        operatorKey ??= RandomNumberGenerator.GetBytes(TaggedSignature.KeyLength);
        var path = Path.Combine(Directory.CreateTempSubdirectory("mpcwallet-trust-").FullName, "cluster-manifest.json");
        await File.WriteAllTextAsync(path, ManifestDocument.Sign(draft, operatorKey));
        return ["--Trust:OperatorPublicKey", Convert.ToBase64String(TaggedSignature.PublicKeyOf(operatorKey)), "--Trust:ManifestPath", path];
    }
}
