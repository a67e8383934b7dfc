using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Access.Grants;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Banking;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Hosting;
using PaymentsPortal.Core.Identity;
using PaymentsPortal.Core.Jobs;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Sync;
using PaymentsPortal.Core.Members;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Live;
using PaymentsPortal.Core.Merchants;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Core.Users;
using PaymentsPortal.Core.Webhooks.Inbound;
using PaymentsPortal.Core.Webhooks.Outbound;

namespace PaymentsPortal.Core;

public static class PortalCoreServiceCollectionExtensions
{
    /// <summary>Everything Core provides: persistence, identity, tenancy, access and the admin use cases.</summary>
    public static IServiceCollection AddPortalCore(this IServiceCollection services, IConfiguration configuration, string appConnectionString)
    {
        services.Configure<PortalOptions>(configuration.GetSection(PortalOptions.Section));
        services.Configure<SecurityOptions>(configuration.GetSection(SecurityOptions.Section));
        services.AddSingleton(TimeProvider.System);

        // Scoped so each context sees the tenant of its own request, circuit or operation scope.
        var prepared = PortalDatabase.WithAutoPrepare(appConnectionString);
        services.AddDbContextFactory<PortalDbContext>(
            options => PortalDatabase.Configure(options, prepared), ServiceLifetime.Scoped);
        services.AddScoped<TenantScope>();
        services.AddScoped<ITenantScope>(sp => sp.GetRequiredService<TenantScope>());
        services.AddScoped<AccessResolver>();
        services.AddScoped<CurrentAccess>();
        services.AddScoped<IAuthorizationHandler, PermissionAuthorizationHandler>();

        services.AddPortalIdentity();
        services.AddPortalAudit();
        services.AddPortalAccessGrants();
        services.AddPortalPayments();
        services.AddSingleton(sp => new PaymentChangeFeed(
            appConnectionString, sp.GetRequiredService<ILogger<PaymentChangeFeed>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService(sp => sp.GetRequiredService<PaymentChangeFeed>());
        services.AddPortalGateways();
        services.Configure<Payments.Checkout.CheckoutOptions>(configuration.GetSection(Payments.Checkout.CheckoutOptions.Section));
        services.AddSingleton<Payments.Checkout.AbandonedAuthentications>();
        services.AddAuditRetentionPolicy(configuration);
        services.AddPortalJobs(configuration, appConnectionString);
        services.AddPortalInboundWebhooks(configuration, appConnectionString);
        services.AddPortalOutboundWebhooks(configuration, appConnectionString);
        services.AddGatewaySync(configuration);
        services.AddPortalBanking(configuration);
        services.AddSingleton<MemberAdministration>();
        services.AddSingleton<MerchantAdministration>();
        services.AddSingleton<UserAdministration>();
        services.AddSingleton<PlatformAdminBootstrap>();
        services.AddSingleton<DemoDataSeeder>();
        return services;
    }
}
