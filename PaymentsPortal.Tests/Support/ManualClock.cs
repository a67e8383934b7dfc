namespace PaymentsPortal.Tests.Support;

/// <summary>A clock that moves only when a test says so; starts at the real time so database timestamps stay plausible.</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
