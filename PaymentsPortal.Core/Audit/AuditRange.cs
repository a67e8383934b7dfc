namespace PaymentsPortal.Core.Audit;

/// <summary>
/// The entries of a chain with <see cref="After"/> &lt; sequence ≤ <see cref="Through"/>. The first range
/// has no lower bound and the last no upper one, so that stray rows (sequence 0, or beyond the last) are
/// still read and reported where a single walk would have found them.
/// </summary>
internal readonly record struct AuditRange(long After, long Through)
{
    public static AuditRange Whole { get; } = new(long.MinValue, long.MaxValue);

    /// <summary>The sequence the range's first row must have.</summary>
    public long FirstSequence => After == long.MinValue ? 1 : After + 1;

    /// <summary>Consecutive ranges of about equal size covering 1..<paramref name="last"/>, at most <paramref name="parallelism"/> of them.</summary>
    public static IReadOnlyList<AuditRange> Split(long last, int parallelism, long minEntriesPerRange)
    {
        var count = (int)Math.Clamp(last / Math.Max(1, minEntriesPerRange), 1, Math.Max(1, parallelism));
        var ranges = new AuditRange[count];
        var after = long.MinValue;
        for (var i = 0; i < count; i++)
        {
            var through = i == count - 1 ? long.MaxValue : last * (i + 1) / count;
            ranges[i] = new AuditRange(after, through);
            after = through;
        }

        return ranges;
    }
}
