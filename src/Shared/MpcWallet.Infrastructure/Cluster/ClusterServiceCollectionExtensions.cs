using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MpcWallet.Infrastructure.Modules;

namespace MpcWallet.Infrastructure.Cluster;

public static class ClusterServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>Cluster</c> once per process (coordinator and node share it), validated when the process starts by the
    /// checks each module adds to the returned builder, and injectable as <see cref="ClusterOptions"/>.
    /// </summary>
    public static OptionsBuilder<ClusterOptions> AddClusterOptions(this IServiceCollection services)
    {
        var cluster = services.AddOptions<ClusterOptions>();
        if (!services.Any(d => d.ServiceType == typeof(IOptionsChangeTokenSource<ClusterOptions>)))
        {
            cluster.BindConfiguration(ClusterOptions.Section).ValidateOnStart();
            services.AddOptionsValue<ClusterOptions>();
        }

        return cluster;
    }
}
