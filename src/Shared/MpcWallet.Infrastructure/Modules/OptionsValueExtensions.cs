using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MpcWallet.Infrastructure.Modules;

public static class OptionsValueExtensions
{
    /// <summary>
    /// Makes the bound and validated value of <c>IOptions&lt;T&gt;</c> injectable as <typeparamref name="T"/> itself, so a
    /// module's types take their settings rather than the options machinery (and specs can hand them settings directly).
    /// </summary>
    public static IServiceCollection AddOptionsValue<T>(this IServiceCollection services)
        where T : class
    {
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<T>>().Value);
        return services;
    }
}
