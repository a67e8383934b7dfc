namespace PaymentsPortal.Core.Audit;

/// <summary>
/// The entries of a chain with <see cref="After"/> &lt; sequence ≤ <see cref="Through"/>. The first range
/// has no lower bound and the last no upper one, so that stray rows (sequence 0, or beyond the last) are
/// still read and reported where a single walk would have found them.
/// </summary>
internal readonly record struct AuditRange(long After, long Through)
{
    public static AuditRange Whole { get; } = new(long.MinValue, long.MaxValue);

    /// <summary>Everything from <paramref name="firstSequence"/> on (1 for a chain retention never shortened).</summary>
    public static AuditRange From(long firstSequence) => firstSequence > 1 ? new(firstSequence - 1, long.MaxValue) : Whole;

    /// <summary>The sequence the range's first row must have.</summary>
    public long FirstSequence => After == long.MinValue ? 1 : After + 1;

    /// <summary>Consecutive ranges of about equal size covering <paramref name="firstSequence"/>..<paramref name="last"/>, at most <paramref name="parallelism"/> of them.</summary>
    public static IReadOnlyList<AuditRange> Split(long last, int parallelism, long minEntriesPerRange, long firstSequence = 1)
    {
        var before = firstSequence - 1;
        var length = Math.Max(0, last - before);
        var count = (int)Math.Clamp(length / Math.Max(1, minEntriesPerRange), 1, Math.Max(1, parallelism));
        var ranges = new AuditRange[count];
        var after = From(firstSequence).After;
        for (var i = 0; i < count; i++)
        {
            var through = i == count - 1 ? long.MaxValue : before + (length * (i + 1) / count);
            ranges[i] = new AuditRange(after, through);
            after = through;
        }

        return ranges;
    }
}
