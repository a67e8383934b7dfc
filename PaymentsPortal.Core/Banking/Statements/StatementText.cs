using System.Globalization;
using System.Text;

namespace PaymentsPortal.Core.Banking.Statements;

/// <summary>Small text helpers shared by the CSV and OFX readers.</summary>
internal static class StatementText
{
    private const int QuotedMax = 40;

    /// <summary>A value from the file, quoted for a problem message: shortened, with control characters made visible.</summary>
    public static string Quote(string value)
    {
        var shown = value.Length > QuotedMax ? value[..QuotedMax] + "…" : value;
        var builder = new StringBuilder(shown.Length + 2).Append('\'');
        foreach (var c in shown)
        {
            builder.Append(char.IsControl(c) ? '?' : c);
        }

        return builder.Append('\'').ToString();
    }

    /// <summary>
    /// A description as stored: control characters (line breaks inside a quoted cell) become spaces, runs of spaces
    /// one, and a lone surrogate (broken UTF-16) the replacement character, so the text is always valid Unicode.
    /// </summary>
    public static string CleanDescription(string value)
    {
        var builder = new StringBuilder(value.Length);
        var space = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsSurrogate(c) && !(i + 1 < value.Length && char.IsSurrogatePair(c, value[i + 1])) && !(i > 0 && char.IsSurrogatePair(value[i - 1], c)))
            {
                c = '\uFFFD';
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>A byte count for people: "10 MB", "512 KB", "900 bytes".</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => (bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + " MB",
        >= 1024 * 1024 => (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
        >= 1024 => (bytes / 1024).ToString(CultureInfo.InvariantCulture) + " KB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " bytes",
    };

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
