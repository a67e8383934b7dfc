using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PaymentsPortal.Core.Identity.StepUp;
using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Core.Identity;

public static class IdentityServiceCollectionExtensions
{
    public const int MaxFailedSignIns = 10;

    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(30);

    /// <summary>Identity with the portal's password and lockout policy (PCI DSS v4 8.3.4 and 8.3.6).</summary>
    public static IServiceCollection AddPortalIdentity(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddIdentityCore<PortalUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = true;
                options.Password.RequireNonAlphanumeric = true;
                options.Password.RequiredUniqueChars = 5;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
                options.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
                options.SignIn.RequireConfirmedAccount = false;
                options.Stores.SchemaVersion = IdentitySchemaVersions.Version2;
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager<PortalSignInManager>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<ReplayProtectedAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);
        services.AddScoped<OwnAccountSecurity>();
        services.AddSingleton<StepUpAuthentication>();
        return services;
    }
}
