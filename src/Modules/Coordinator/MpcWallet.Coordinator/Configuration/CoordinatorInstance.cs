using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace MpcWallet.Coordinator.Configuration;

/// <summary>
/// The instance id of this coordinator process (<c>Coordinator:InstanceId</c>): it owns leases in the store and names
/// the per-instance queues. When not configured, a random one is chosen once and written back into the configuration,
/// so the queues and the services of this process agree on it.
/// </summary>
internal static partial class CoordinatorInstance
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

        // It becomes part of queue names: keep it to characters every broker accepts.
        return ValidId().IsMatch(id) ? id : throw new InvalidOperationException("Coordinator:InstanceId must be 1-64 characters of a-z, A-Z, 0-9, '.', '_' or '-'");
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex ValidId();
}
