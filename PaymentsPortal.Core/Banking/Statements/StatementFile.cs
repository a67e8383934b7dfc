using System.Diagnostics.CodeAnalysis;

namespace PaymentsPortal.Core.Banking.Statements;

/// <summary>
/// An uploaded statement, read within the size limit and decoded to text, with its format judged from the content.
/// Load it once, then preview (CSV) and parse it as often as the person edits the mapping.
/// </summary>
public sealed class StatementFile
{
    private StatementFile(string text, StatementFormat format, string encodingName, long byteCount)
    {
        Text = text;
        Format = format;
        EncodingName = encodingName;
        ByteCount = byteCount;
    }

    public StatementFormat Format { get; }

    /// <summary>The encoding the bytes were read with, as its web name (utf-8, utf-16, windows-1252, …).</summary>
    public string EncodingName { get; }

    public long ByteCount { get; }

    /// <summary>The decoded text, byte-order mark removed.</summary>
    internal string Text { get; }

    /// <summary>
    /// Reads <paramref name="content"/> to its end, or until it passes <see cref="StatementImportOptions.MaxFileBytes"/>:
    /// then it stops reading and says the file is too large, so an endless upload costs at most the limit.
    /// </summary>
    public static async Task<StatementFileLoad> LoadAsync(Stream content, StatementImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var max = (options ?? StatementImportOptions.Default).MaxFileBytes;
        var initial = content.CanSeek ? (int)Math.Clamp(content.Length - content.Position, 0, Math.Min(max + 1, int.MaxValue)) : 64 * 1024;
        using var buffer = new MemoryStream(initial);
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return TooLarge(max);
            }

            buffer.Write(chunk, 0, read);
        }

        return Load(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), options);
    }

    /// <summary>Decodes bytes already in memory (their size is still checked against the limit).</summary>
    public static StatementFileLoad Load(ReadOnlySpan<byte> content, StatementImportOptions? options = null)
    {
        var max = (options ?? StatementImportOptions.Default).MaxFileBytes;
        if (content.Length > max)
        {
            return TooLarge(max);
        }

        if (StatementFormatDetector.BinaryKind(content) is { } binary)
        {
            return StatementFileLoad.Failed(binary);
        }

        var (encoding, markLength) = StatementEncoding.Detect(content);
        var text = encoding.GetString(content[markLength..]);
        var format = StatementFormatDetector.Detect(text, out var problem);
        return format is { } known
            ? new StatementFileLoad(new StatementFile(text, known, encoding.WebName, content.Length), [])
            : StatementFileLoad.Failed(problem!);
    }

    private static StatementFileLoad TooLarge(long max) =>
        StatementFileLoad.Failed(StatementProblem.ForFile(
            $"The file is larger than {StatementText.Size(max)}, the most one import accepts. Export a shorter date range and import that."));
}

/// <summary>The outcome of loading a statement file: the file, or why it cannot be read at all.</summary>
public sealed record StatementFileLoad(StatementFile? File, IReadOnlyList<StatementProblem> Problems)
{
    [MemberNotNullWhen(true, nameof(File))]
    public bool Succeeded => File is not null;

    internal static StatementFileLoad Failed(StatementProblem problem) => new(null, [problem]);
}
