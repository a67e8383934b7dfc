namespace PaymentsPortal.Tests.Support;

/// <summary>
/// A clock that moves only when a test says so. It starts at the real time (so database timestamps stay
/// plausible) unless told otherwise, for writing entries "in the past".
/// </summary>
/// <param name="timestampsFollowNow">
/// Whether elapsed-time measurements (<see cref="TimeProvider.GetTimestamp"/>) stand still with <see cref="Now"/> too,
/// for code that times calls; timers still run in real time either way.
/// </param>
public sealed class ManualClock(DateTimeOffset? start = null, bool timestampsFollowNow = false) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start ?? DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => Now;

    public override long TimestampFrequency => timestampsFollowNow ? TimeSpan.TicksPerSecond : base.TimestampFrequency;

    public override long GetTimestamp() => timestampsFollowNow ? Now.UtcTicks : base.GetTimestamp();

    public void Advance(TimeSpan by) => Now += by;
}
