using Hangfire;
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
