namespace PaymentsPortal.Tests.Support;

/// <summary>A clock a test sets by hand, for writing entries "in the past".</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
