using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaymentsPortal.Core.Jobs.Catalog;

namespace PaymentsPortal.Core.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>The job catalog, the run history and Hangfire's storage; <see cref="AddPortalJobServer"/> adds the server.</summary>
    public static IServiceCollection AddPortalJobs(this IServiceCollection services, IConfiguration configuration, string appConnectionString)
    {
        services.AddOptions<JobsOptions>()
            .Bind(configuration.GetSection(JobsOptions.Section))
            .Validate(o => o.WorkerCount is >= 1 and <= 64, "Jobs:WorkerCount must be between 1 and 64.")
            .Validate(o => o.QueuePollInterval >= TimeSpan.FromSeconds(1), "Jobs:QueuePollInterval must be at least a second.")
            .Validate(o => o.SchedulePollingInterval >= TimeSpan.FromSeconds(1), "Jobs:SchedulePollingInterval must be at least a second.");
        services.AddSingleton(sp => PortalJobStorage.Create(appConnectionString, sp.GetRequiredService<IOptions<JobsOptions>>().Value));
        services.AddSingleton<JobCatalog>();
        services.AddSingleton<JobRunLog>();
        services.AddSingleton<JobRequests>();
        services.AddSingleton<JobsOverview>();
        services.AddSingleton<PortalJobSchedules>();
        services.AddTransient<JobRunner>();

        services.AddSingleton<IPortalJob, PaymentReconciliationJob>();
        services.AddSingleton<IPortalJob, RefundReconciliationJob>();
        services.AddSingleton<IPortalJob, AccessGrantExpiryJob>();
        services.AddSingleton<IPortalJob, PaymentDailyTotalsJob>();
        services.AddSingleton<IPortalJob, AuditCheckpointJob>();
        services.AddSingleton<IPortalJob, AuditVerificationJob>();
        services.AddSingleton<IPortalJob, AuditRetentionJob>();
        services.AddSingleton<IPortalJob, JobHistoryRetentionJob>();
        services.AddSingleton<IPortalJob, WebhookInboxJob>();
        services.AddSingleton<IPortalJob, WebhookDeliveryJob>();
        services.AddSingleton<IPortalJob, WebhookRetentionJob>();
        services.AddSingleton<IPortalJob, GatewaySyncJob>();
        services.AddSingleton<IPortalJob, PayoutReconciliationJob>();
        services.AddSingleton<IPortalJob, BankSyncJob>();
        services.AddSingleton<IPortalJob, AuthenticationExpiryJob>();
        return services;
    }

    /// <summary>Runs this instance's Hangfire server and keeps the recurring schedules in place (the web app's hosts).</summary>
    public static IServiceCollection AddPortalJobServer(this IServiceCollection services) =>
        services.AddHostedService<PortalJobServer>()
            .AddHostedService<Webhooks.Inbound.Processing.WebhookInboxDrain>()
            .AddHostedService<Banking.Transactions.BankSyncDrain>();
}
