using System.Security.Cryptography;
using MpcWallet.Contracts.FinalSignatures;
using MpcWallet.Infrastructure.Trust;

namespace MpcWallet.Testing.Messaging;

/// <summary>
/// A throwaway operator key and a signed cluster manifest listing one coordinator instance (<see cref="CoordinatorId"/>)
/// whose key the <see cref="TestCoordinator"/> signs its final signatures with: what a transaction-service-only process
/// needs to accept them (<see cref="HostArguments"/>). <see cref="Unlisted"/> is a coordinator key the manifest does not list.
/// </summary>
public sealed class TestClusterTrust
{
    public const string CoordinatorId = "test-coordinator";

    private TestClusterTrust(string directory)
    {
        var operatorKey = RandomNumberGenerator.GetBytes(TaggedSignature.KeyLength);
        Coordinator = CoordinatorIdentity.LoadOrCreate(Path.Combine(directory, "coordinator.key"));
        Unlisted = CoordinatorIdentity.LoadOrCreate(Path.Combine(directory, "unlisted.key"));
        var draft = new ManifestDraft { ClusterId = "test", Version = 1, IssuedAt = DateTimeOffset.UtcNow };
        draft.Coordinators.Add(Coordinator.ManifestEntry(CoordinatorId));
        ManifestPath = Path.Combine(directory, "cluster-manifest.json");
        File.WriteAllText(ManifestPath, ManifestDocument.Sign(draft, operatorKey));
        OperatorPublicKey = Convert.ToBase64String(TaggedSignature.PublicKeyOf(operatorKey));
        CryptographicOperations.ZeroMemory(operatorKey);
    }

    public CoordinatorIdentity Coordinator { get; }

    public CoordinatorIdentity Unlisted { get; }

    public string ManifestPath { get; }

    public string OperatorPublicKey { get; }

    /// <summary>The host arguments that make a process trust this manifest.</summary>
    public IReadOnlyList<string> HostArguments => ["--Trust:OperatorPublicKey", OperatorPublicKey, "--Trust:ManifestPath", ManifestPath];

    public static TestClusterTrust Create() => new(Directory.CreateTempSubdirectory("mpcwallet-test-trust-").FullName);

    /// <summary>Signed as the listed coordinator signs it.</summary>
    public SignatureFinalized Sign(SignatureFinalized message) =>
        BrokerMessageSignatures.Sign(message with { Coordinator = CoordinatorId }, Coordinator);
}
