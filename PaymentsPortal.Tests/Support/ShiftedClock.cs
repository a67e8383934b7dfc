namespace PaymentsPortal.Tests.Support;

/// <summary>
/// Real time plus an offset a test moves forward. Unlike <see cref="ManualClock"/>, time still passes by itself, so
/// circuit breakers and timeouts behave as in production while a test jumps over the minutes and days reconciliation waits.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);
}
