using Microsoft.Extensions.DependencyInjection;

namespace PaymentsPortal.Core.Audit;

public static class AuditServiceCollectionExtensions
{
    public static IServiceCollection AddPortalAudit(this IServiceCollection services) =>
        services.AddSingleton<IAuditTrail, AuditTrail>().AddSingleton<AccountAuditLog>();
}
