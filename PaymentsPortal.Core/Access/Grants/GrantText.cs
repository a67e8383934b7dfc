using System.Globalization;

namespace PaymentsPortal.Core.Access.Grants;

/// <summary>How a grant's state reads to people; an approved grant past its time reads as expired before the sweep records it.</summary>
public static class GrantText
{
    public static string StatusAt(AccessGrantStatus status, DateTimeOffset? expiresAt, DateTimeOffset now) => status switch
    {
        AccessGrantStatus.Requested => "Pending",
        AccessGrantStatus.Approved => expiresAt > now ? "Active" : "Expired",
        AccessGrantStatus.Denied => "Denied",
        AccessGrantStatus.Canceled => "Canceled",
        AccessGrantStatus.Revoked => "Revoked",
        AccessGrantStatus.Expired => "Expired",
    };

    /// <summary>A moment as people read it in the portal: UTC, to the minute, the same in every culture.</summary>
    public static string Utc(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>"1 h 5 min", "12 min", "under a minute".</summary>
    public static string TimeLeft(DateTimeOffset until, DateTimeOffset now)
    {
        var left = until - now;
        if (left < TimeSpan.FromMinutes(1))
        {
            return left <= TimeSpan.Zero ? "expired" : "under a minute";
        }

        var minutes = (int)Math.Ceiling(left.TotalMinutes);
        return minutes < 60 ? $"{minutes} min" : minutes % 60 == 0 ? $"{minutes / 60} h" : $"{minutes / 60} h {minutes % 60} min";
    }
}
