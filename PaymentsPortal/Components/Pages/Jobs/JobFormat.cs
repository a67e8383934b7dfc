using System.Globalization;
using MudBlazor;
using PaymentsPortal.Core.Jobs;

namespace PaymentsPortal.Components.Pages.Jobs;

/// <summary>How the Jobs page words schedules, statuses and times.</summary>
public static class JobFormat
{
    public static string Time(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "—";

    public static string Duration(JobRun run) => run.FinishedAt is { } end
        ? (end - run.StartedAt) switch
        {
            var d when d < TimeSpan.FromSeconds(1) => $"{d.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms",
            var d when d < TimeSpan.FromMinutes(1) => $"{d.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s",
            var d => $"{d.TotalMinutes.ToString("0.0", CultureInfo.InvariantCulture)} min",
        }
        : "running";

    /// <summary>The common shapes of our schedules in words; anything else is shown as the cron expression itself.</summary>
    public static string Schedule(string? cron) => cron switch
    {
        null => "Off",
        "* * * * *" => "Every minute",
        _ when cron.Split(' ') is [var minute, "*", "*", "*", "*"] && minute.StartsWith("*/", StringComparison.Ordinal) => $"Every {minute[2..]} minutes",
        _ when cron.Split(' ') is [var minute, "*", "*", "*", "*"] && minute.Split('/') is [var range, var step] && range.Split('-') is [var first, "59"]
            && int.TryParse(first, CultureInfo.InvariantCulture, out var from) => $"Every {step} minutes from :{from:00}",
        _ when cron.Split(' ') is [var minute, "*", "*", "*", "*"] && int.TryParse(minute, CultureInfo.InvariantCulture, out var m) => $"Hourly at :{m:00}",
        _ when cron.Split(' ') is [var minute, var hour, "*", "*", "*"] && int.TryParse(minute, CultureInfo.InvariantCulture, out var m)
            && int.TryParse(hour, CultureInfo.InvariantCulture, out var h) => $"Daily at {h:00}:{m:00} UTC",
        _ => cron,
    };

    public static string Status(JobRunStatus status) => status switch
    {
        JobRunStatus.Running => "Running",
        JobRunStatus.Succeeded => "Succeeded",
        JobRunStatus.CompletedWithErrors => "Completed with errors",
        JobRunStatus.Failed => "Failed",
        JobRunStatus.Skipped => "Skipped",
        JobRunStatus.Interrupted => "Interrupted",
    };

    public static Color StatusColor(JobRunStatus status) => status switch
    {
        JobRunStatus.Running => Color.Info,
        JobRunStatus.Succeeded => Color.Success,
        JobRunStatus.CompletedWithErrors => Color.Warning,
        JobRunStatus.Failed => Color.Error,
        JobRunStatus.Skipped or JobRunStatus.Interrupted => Color.Default,
    };

    public static string Trigger(JobRun run) => run.Trigger == JobTrigger.Manual ? $"Run now by {run.RequestedByName}" : "Schedule";
}
