using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PaymentsPortal.Core.Access.Grants;

public static class AccessGrantServiceCollectionExtensions
{
    public static IServiceCollection AddPortalAccessGrants(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AccessGrantOptions>(configuration.GetSection(AccessGrantOptions.Section));
        services.AddSingleton<AccessGrantEvents>();
        services.AddSingleton<AccessGrantRequests>();
        services.AddSingleton<AccessGrantDecisions>();
        services.AddSingleton<AccessGrantQueries>();
        services.AddSingleton<AccessGrantExpiry>();
        services.AddHostedService<AccessGrantSweeper>();
        return services;
    }
}
