using Microsoft.Extensions.DependencyInjection;

namespace PaymentsPortal.Core.Access.Grants;

public static class AccessGrantServiceCollectionExtensions
{
    public static IServiceCollection AddPortalAccessGrants(this IServiceCollection services)
    {
        services.AddSingleton<AccessGrantEvents>();
        services.AddSingleton<AccessGrantRequests>();
        services.AddSingleton<AccessGrantDecisions>();
        services.AddSingleton<AccessGrantQueries>();
        services.AddSingleton<AccessGrantExpiry>();
        return services;
    }
}
