namespace PaymentsPortal.Core.Jobs;

/// <summary>
/// How far a run has got. Writes go to the run's row at most once a second, so a job may report after every item
/// without turning its progress into the database's main load.
/// </summary>
public sealed class JobProgress
{
    private static readonly TimeSpan MinimumGap = TimeSpan.FromSeconds(1);
    private readonly Func<long, long?, CancellationToken, Task> persist;
    private readonly TimeProvider clock;
    private DateTimeOffset lastWrite = DateTimeOffset.MinValue;

    public JobProgress(Func<long, long?, CancellationToken, Task> persist, TimeProvider clock)
    {
        this.persist = persist;
        this.clock = clock;
    }

    /// <summary>A progress that goes nowhere, for running a job's work directly (tests, tools).</summary>
    public static JobProgress None { get; } = new((_, _, _) => Task.CompletedTask, TimeProvider.System);

    public long Done { get; private set; }

    public long? Total { get; private set; }

    public async Task ReportAsync(long done, long? total, CancellationToken cancellationToken)
    {
        Done = done;
        Total = total;
        var now = clock.GetUtcNow();
        if (now - lastWrite < MinimumGap)
        {
            return;
        }

        lastWrite = now;
        await persist(done, total, cancellationToken);
    }
}
