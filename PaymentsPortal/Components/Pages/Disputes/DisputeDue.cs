using System.Globalization;
using PaymentsPortal.Core.Payments.Disputes;

namespace PaymentsPortal.Components.Pages.Disputes;

/// <summary>
/// "Due in 3 days" beside the date: a dispute without evidence by its due date is lost by default, so the time left is what a
/// merchant must see first, not a timestamp to subtract in their head.
/// </summary>
public static class DisputeDue
{
    public static string? Remaining(Dispute dispute, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        if (dispute.Status != DisputeStatus.NeedsResponse || dispute.EvidenceDueBy is not { } due)
        {
            return null;
        }

        var left = due - now;
        return left switch
        {
            { TotalSeconds: <= 0 } => "overdue",
            { TotalHours: < 24 } => string.Create(CultureInfo.InvariantCulture, $"due in {Math.Max(1, (int)left.TotalHours)} h"),
            _ => string.Create(CultureInfo.InvariantCulture, $"due in {(int)left.TotalDays} d"),
        };
    }

    /// <summary>Less than two days left, or overdue: shown in the error colour.</summary>
    public static bool IsUrgent(Dispute dispute, DateTimeOffset now) =>
        dispute is { Status: DisputeStatus.NeedsResponse, EvidenceDueBy: { } due } && due - now < TimeSpan.FromDays(2);
}
