using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Audit.Checkpoints;
using PaymentsPortal.Core.Audit.Retention;
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
            .AddSingleton<AuditExporter>()
            .AddSingleton<AuditRetention>()
            .AddSingleton<CheckpointSigningKeys>().AddSingleton<CheckpointWriter>().AddSingleton<CheckpointProofs>()
            .AddSingleton(sp => new AuditCheckpoints(
                sp.GetRequiredService<CheckpointWriter>(), sp.GetRequiredService<CheckpointProofs>(), sp.GetRequiredService<CheckpointSigningKeys>()));

    /// <summary>The retention policy (Audit:Retention), off unless enabled: removal is irreversible. The audit-retention job applies it.</summary>
    public static IServiceCollection AddAuditRetentionPolicy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuditRetentionOptions>()
            .Bind(configuration.GetSection("Audit:Retention"))
            .Validate(o => o.Months >= AuditRetentionOptions.MinimumMonths, "Audit:Retention:Months must be at least 12 (PCI DSS v4 10.5.1).")
            .ValidateOnStart();
        return services;
    }
}
