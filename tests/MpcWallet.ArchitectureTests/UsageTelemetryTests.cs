using MassTransit;
using MassTransit.UsageTracking;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MpcWallet.Host.Composition;

namespace MpcWallet.ArchitectureTests;

/// <summary>
/// MassTransit 8.5 reports usage telemetry (host, bus, endpoints) to its vendor over the internet unless told not to.
/// A custody service makes no connection it was not configured to make: every process the host can be (single host
/// and each split-deployment role) has the telemetry off, even with <c>MASSTRANSIT_USAGE_TELEMETRY=true</c> in its
/// environment (which the vendor's tracker lets override its options).
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class UsageTelemetryTests
{
    public static TheoryData<string[]> Processes() => new()
    {
        { ["--modules", "coordinator,node,transactions", "--Node:CreateDevelopmentKeys", "true"] },
        { ["--Profile", "coordinator", "--Cluster:Nodes:0:Id", "node-1", "--Cluster:Nodes:0:GrpcEndpoint", "http://127.0.0.1:7101"] },
        { ["--Profile", "node", "--node-id", "node-1", "--Node:KeyEncryptionKeys:node-1", Convert.ToBase64String(new byte[32])] },
        { ["--Profile", "transactions"] },
    };

    [Theory]
    [MemberData(nameof(Processes))]
    public async Task Usage_telemetry_is_off_in_every_process(string[] process)
    {
        var previous = Environment.GetEnvironmentVariable("MASSTRANSIT_USAGE_TELEMETRY");
        Environment.SetEnvironmentVariable("MASSTRANSIT_USAGE_TELEMETRY", "true");
        try
        {
            string[] args =
            [
                .. process,
                "--environment", "Production",
                "--data-dir", Directory.CreateTempSubdirectory("mpcwallet-telemetry-").FullName,
                "--ConnectionStrings:Default", "Host=127.0.0.1;Port=1;Username=nobody;Database=none",
                // Built only, never connected: the split processes' cleartext placeholder links are allowed.
                "--Security:AllowCleartext", "true",
            ];
            // Split processes need a cluster manifest to start; this test only builds them (no trust is exercised).
            await using var app = MpcWalletHost.Build(args, services =>
            {
                services.RemoveAll<MpcWallet.Infrastructure.Trust.ClusterTrust>();
                services.AddSingleton(MpcWallet.Infrastructure.Trust.ClusterTrust.ForEnrollment());
            });

            Assert.False(app.Services.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value.Enabled, "UsageTelemetryOptions.Enabled");
            // The vendor's tracker is the one that reports; with it, the environment variable above would switch reporting on.
            var tracker = app.Services.GetRequiredService<IUsageTracker>();
            Assert.False(tracker is UsageTracker { Enabled: true }, $"{tracker.GetType().FullName} reports usage telemetry");
            Assert.IsNotType<UsageTracker>(tracker);
        }
        finally
        {
            Environment.SetEnvironmentVariable("MASSTRANSIT_USAGE_TELEMETRY", previous);
        }
    }
}
