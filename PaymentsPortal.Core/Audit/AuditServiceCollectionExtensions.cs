using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Audit.Search;

namespace PaymentsPortal.Core.Audit;

public static class AuditServiceCollectionExtensions
{
    public static IServiceCollection AddPortalAudit(this IServiceCollection services) =>
        services.AddSingleton<IAuditTrail, AuditTrail>()
            .AddSingleton<AccountAuditLog>()
            .AddSingleton<AuditSearch>()
            .AddSingleton<AuditAccessLog>()
            .AddSingleton<AuditIntegrityCheck>()
            .AddSingleton<AuditExporter>();
}
