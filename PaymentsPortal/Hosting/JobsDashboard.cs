using Hangfire;
using Hangfire.Dashboard;
using PaymentsPortal.Core.Access;

namespace PaymentsPortal.Hosting;

/// <summary>
/// Hangfire's own dashboard at /hangfire, behind the portal's sign-in and the jobs.dashboard permission (platform
/// administrators). Hangfire's default lets local requests in without asking; that filter is removed, so the
/// endpoint's authorization policy is the only door.
/// </summary>
public static class JobsDashboard
{
    public const string Path = "/hangfire";

    /// <summary>
    /// What the dashboard asks the container for, without <c>AddHangfire</c>: that one would configure Hangfire's
    /// process-wide statics (storage, logging) from this app, and tests run several apps, each over its own database.
    /// </summary>
    public static IServiceCollection AddJobsDashboard(this IServiceCollection services)
    {
        services.AddSingleton(GlobalConfiguration.Configuration);
        services.AddSingleton(DashboardRoutes.Routes);
        services.AddSingleton(sp => new BackgroundJobClient(sp.GetRequiredService<JobStorage>()));
        services.AddSingleton<IBackgroundJobClient>(sp => sp.GetRequiredService<BackgroundJobClient>());
        services.AddSingleton<IBackgroundJobClientV2>(sp => sp.GetRequiredService<BackgroundJobClient>());
        services.AddSingleton(sp => new RecurringJobManager(sp.GetRequiredService<JobStorage>()));
        services.AddSingleton<IRecurringJobManager>(sp => sp.GetRequiredService<RecurringJobManager>());
        services.AddSingleton<IRecurringJobManagerV2>(sp => sp.GetRequiredService<RecurringJobManager>());
        return services;
    }

    public static void MapJobsDashboard(this WebApplication app)
    {
        var options = new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [],
            AppPath = "/jobs",
            DashboardTitle = "PaymentsPortal · Hangfire",
            DisplayStorageConnectionString = false,
        };
        app.MapHangfireDashboard(Path, options, app.Services.GetRequiredService<JobStorage>())
            .RequireAuthorization(PermissionPolicy.NameOf(Permission.JobsDashboard));
    }
}
