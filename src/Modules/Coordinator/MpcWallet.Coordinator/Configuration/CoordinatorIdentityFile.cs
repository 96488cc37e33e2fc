using Microsoft.Extensions.Configuration;
using MpcWallet.Infrastructure.Hosting;

namespace MpcWallet.Coordinator.Configuration;

/// <summary>Where this instance's identity key file is: <c>Coordinator:IdentityKeyFile</c>, else under the data directory.</summary>
internal static class CoordinatorIdentityFile
{
    public static string Path(CoordinatorOptions options, IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(options.IdentityKeyFile)
            ? System.IO.Path.Combine(DataDirectory.From(configuration), "coordinator", "identity.key")
            : System.IO.Path.GetFullPath(options.IdentityKeyFile);
}
