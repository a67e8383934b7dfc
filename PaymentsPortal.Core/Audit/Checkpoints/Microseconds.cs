namespace PaymentsPortal.Core.Audit.Checkpoints;

/// <summary>PostgreSQL keeps microseconds: truncating first makes the signed time equal the stored one.</summary>
internal static class Microseconds
{
    public static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero);
}
