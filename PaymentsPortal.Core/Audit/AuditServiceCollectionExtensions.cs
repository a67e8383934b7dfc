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

    /// <summary>The hosted checkpoint schedule, for the web app (Audit:CheckpointInterval, default one hour).</summary>
    public static IServiceCollection AddAuditCheckpointSchedule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuditCheckpointOptions>()
            .Bind(configuration.GetSection(AuditCheckpointOptions.Section))
            .Validate(o => o.CheckpointInterval >= TimeSpan.FromSeconds(1) && o.CheckpointInterval <= TimeSpan.FromDays(30),
                "Audit:CheckpointInterval must be between one second and 30 days.")
            .ValidateOnStart();
        return services.AddHostedService<AuditCheckpointSchedule>();
    }

    /// <summary>The hosted retention schedule (Audit:Retention), off unless enabled: removal is irreversible.</summary>
    public static IServiceCollection AddAuditRetentionSchedule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuditRetentionOptions>()
            .Bind(configuration.GetSection("Audit:Retention"))
            .Validate(o => o.Months >= AuditRetentionOptions.MinimumMonths, "Audit:Retention:Months must be at least 12 (PCI DSS v4 10.5.1).")
            .Validate(o => o.Interval >= TimeSpan.FromMinutes(1), "Audit:Retention:Interval must be at least a minute.")
            .ValidateOnStart();
        return services.AddHostedService<AuditRetentionSchedule>();
    }
}
