namespace PaymentsPortal.Tests.Support;

/// <summary>
/// A clock that moves only when a test says so. It starts at the real time (so database timestamps stay
/// plausible) unless told otherwise, for writing entries "in the past".
/// </summary>
public sealed class ManualClock(DateTimeOffset? start = null) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start ?? DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
