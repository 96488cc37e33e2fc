using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace MpcWallet.Coordinator.Configuration;

/// <summary>
/// The instance id of this coordinator process (<c>Coordinator:InstanceId</c>): it owns leases in the store and names
/// the per-instance queues. When not configured, a random one is chosen once and written back into the configuration,
/// so the queues and the options of this process agree on it (its form is checked with the options, at start).
/// </summary>
internal static class CoordinatorInstance
{
    private const string Key = CoordinatorOptions.Section + ":InstanceId";

    public static string Resolve(IConfiguration configuration)
    {
        var id = configuration[Key];
        if (string.IsNullOrEmpty(id))
        {
            id = "coordinator-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
            configuration[Key] = id;
        }

        return id;
    }
}
