using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MpcWallet.Infrastructure.Trust;

namespace MpcWallet.Host.Composition;

/// <summary>
/// A process's host built from its own arguments, never run, for the one-shot commands that work on its keys and
/// stores while it is stopped (<c>trust node-identity</c>, <c>trust coordinator-identity</c>, <c>backup restore-key</c>,
/// <c>backup restore</c>). Cluster trust is the enrollment placeholder: these commands read or write the process's own
/// keys and talk to nobody, and enrollment runs before any manifest lists the process.
/// </summary>
internal static class OfflineHost
{
    public static WebApplication Build(string[] processArguments) =>
        MpcWalletHost.Build(processArguments, services =>
        {
            services.RemoveAll<ClusterTrust>();
            services.AddSingleton(ClusterTrust.ForEnrollment());
        });
}
