namespace PaymentsPortal.Core.Banking.Statements;

/// <summary>
/// The limits a statement import works within. Every limit is checked while the file is read, so a hostile or mistaken
/// upload costs at most <see cref="MaxFileBytes"/> of memory and is refused with a problem, never an exception.
/// </summary>
public sealed record StatementImportOptions
{
    public static StatementImportOptions Default { get; } = new();

    /// <summary>The largest file accepted. 10 MB holds several years of a busy account's daily transactions.</summary>
    public long MaxFileBytes { get; init; } = 10L * 1024 * 1024;

    /// <summary>The most transactions one file may hold.</summary>
    public int MaxRows { get; init; } = 100_000;

    /// <summary>How many problems a result lists; the rest are only counted, since nobody reads the 51st.</summary>
    public int MaxProblems { get; init; } = 50;

    /// <summary>How many data rows a CSV preview shows.</summary>
    public int PreviewRows { get; init; } = 10;

    /// <summary>The longest CSV line, in characters: a row this long is a broken file, not a transaction.</summary>
    public int MaxLineLength { get; init; } = 16 * 1024;

    /// <summary>The longest OFX value, in characters (OFX itself caps names and memos at 255).</summary>
    public int MaxValueLength { get; init; } = 4 * 1024;
}
