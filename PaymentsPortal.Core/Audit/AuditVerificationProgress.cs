namespace PaymentsPortal.Core.Audit;

/// <summary>
/// Adds up the entries verified by every range of a walk and tells the caller's <see cref="IProgress{T}"/>
/// each time another <see cref="Interval"/> entries are done, never with a smaller number than before.
/// </summary>
internal sealed class AuditVerificationProgress(IProgress<long>? progress)
{
    public const int Interval = 50_000;

    private readonly Lock gate = new();
    private long total;
    private long reported;

    public void Add(long entries)
    {
        if (progress is null || entries == 0)
        {
            return;
        }

        lock (gate)
        {
            total += entries;
            if (total - reported >= Interval)
            {
                reported = total - (total % Interval);
                progress.Report(reported);
            }
        }
    }

    /// <summary>The final count, reported once the walk is over, so that a progress bar can reach its end.</summary>
    public void Complete(long verified)
    {
        lock (gate)
        {
            if (progress is not null && verified != reported)
            {
                reported = verified;
                progress.Report(verified);
            }
        }
    }
}
