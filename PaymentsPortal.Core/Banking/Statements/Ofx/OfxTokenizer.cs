using System.Globalization;
using System.Text;

namespace PaymentsPortal.Core.Banking.Statements.Ofx;

internal enum OfxTokenKind
{
    Start,
    End,
    Text,
    Error,
}

/// <summary>A start tag, end tag, text between tags, or the reason the markup cannot be read further.</summary>
internal readonly record struct OfxToken(OfxTokenKind Kind, string Value, int Line);

/// <summary>
/// Splits OFX markup into tags and text. The same for SGML (1.x) and XML (2.x): comments, processing instructions and
/// declarations are skipped, CDATA and the XML entities become text, and white space between tags is dropped, so
/// a file on one line and a file with every tag indented read alike.
/// </summary>
internal static class OfxTokenizer
{
    /// <summary>The tokens of the markup from <paramref name="start"/>; an Error token, if any, is the last.</summary>
    public static List<OfxToken> Read(string text, int start, int maxValueLength)
    {
        var tokens = new List<OfxToken>();
        var line = 1 + text.AsSpan(0, start).Count('\n');
        var at = start;
        while (at < text.Length)
        {
            var open = text.IndexOf('<', at);
            var raw = text.AsSpan(at, (open < 0 ? text.Length : open) - at);
            var trimmed = raw.Trim();
            if (!trimmed.IsEmpty)
            {
                var valueLine = line + raw[..(raw.Length - raw.TrimStart().Length)].Count('\n');
                if (trimmed.Length > maxValueLength)
                {
                    tokens.Add(TooLong(maxValueLength, valueLine));
                    return tokens;
                }

                tokens.Add(new OfxToken(OfxTokenKind.Text, Decode(trimmed.ToString()), valueLine));
            }

            line += raw.Count('\n');
            if (open < 0)
            {
                return tokens;
            }

            var (token, next) = Tag(text, open, line);
            if (token.Kind == OfxTokenKind.Error || (token.Kind == OfxTokenKind.Text && token.Value.Length > maxValueLength))
            {
                tokens.Add(token.Kind == OfxTokenKind.Error ? token : TooLong(maxValueLength, token.Line));
                return tokens;
            }

            line += text.AsSpan(open, next - open).Count('\n');
            at = next;
            if (token.Value.Length > 0)
            {
                tokens.Add(token);
            }
        }

        return tokens;
    }

    /// <summary>The tag at <paramref name="open"/> and the index after it; an empty Value means "skip" (comment, instruction).</summary>
    private static (OfxToken Token, int Next) Tag(string text, int open, int line)
    {
        if (text.AsSpan(open).StartsWith("<!--", StringComparison.Ordinal))
        {
            var close = text.IndexOf("-->", open + 4, StringComparison.Ordinal);
            return close < 0 ? (Cut(text, open, line), 0) : (new OfxToken(OfxTokenKind.Start, "", line), close + 3);
        }

        if (text.AsSpan(open).StartsWith("<![CDATA[", StringComparison.Ordinal))
        {
            var close = text.IndexOf("]]>", open + 9, StringComparison.Ordinal);
            return close < 0 ? (Cut(text, open, line), 0) : (new OfxToken(OfxTokenKind.Text, text[(open + 9)..close].Trim(), line), close + 3);
        }

        var end = text.IndexOf('>', open + 1);
        if (end < 0)
        {
            return (Cut(text, open, line), 0);
        }

        var nextOpen = text.IndexOf('<', open + 1, end - open - 1);
        if (nextOpen >= 0)
        {
            return (new OfxToken(OfxTokenKind.Error, $"{StatementText.Quote(text[open..nextOpen].TrimEnd())} is not a complete tag", line), 0);
        }

        var inner = text.AsSpan(open + 1, end - open - 1).Trim();
        if (inner.Length > 0 && inner[0] is '?' or '!')
        {
            return (new OfxToken(OfxTokenKind.Start, "", line), end + 1);
        }

        var kind = OfxTokenKind.Start;
        if (inner.Length > 0 && inner[0] == '/')
        {
            kind = OfxTokenKind.End;
            inner = inner[1..].Trim();
        }

        // Attributes are not part of OFX, and a self-closing tag is an empty leaf; keep the name only.
        var space = inner.IndexOfAny(" \t\r\n");
        var name = (space < 0 ? inner : inner[..space]).TrimEnd('/');
        if (!IsName(name))
        {
            return (new OfxToken(OfxTokenKind.Error, $"{StatementText.Quote("<" + inner.ToString() + ">")} is not an OFX tag", line), 0);
        }

        return (new OfxToken(kind, name.ToString().ToUpperInvariant(), line), end + 1);
    }

    private static OfxToken TooLong(int max, int line) =>
        new(OfxTokenKind.Error, $"a value is longer than {StatementText.Count(max)} characters, which no OFX value is", line);

    private static OfxToken Cut(string text, int open, int line) =>
        new(OfxTokenKind.Error, $"the tag {StatementText.Quote(text.Substring(open, Math.Min(20, text.Length - open)))} is cut off: is the file complete?", line);

    private static bool IsName(ReadOnlySpan<char> name)
    {
        if (name.Length is 0 or > 64 || !char.IsAsciiLetter(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The five XML entities and numeric character references; anything else is left as written.</summary>
    private static string Decode(string value)
    {
        if (!value.Contains('&', StringComparison.Ordinal))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var semicolon = value[i] == '&' ? value.IndexOf(';', i) : -1;
            var entity = semicolon > i && semicolon - i <= 10 ? value[(i + 1)..semicolon] : null;
            var decoded = entity switch
            {
                null => null,
                "amp" => "&",
                "lt" => "<",
                "gt" => ">",
                "quot" => "\"",
                "apos" => "'",
                _ when entity.StartsWith("#x", StringComparison.OrdinalIgnoreCase)
                    && int.TryParse(entity.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex) => Scalar(hex),
                _ when entity.StartsWith('#') && int.TryParse(entity.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var dec) => Scalar(dec),
                _ => null,
            };
            if (decoded is null)
            {
                builder.Append(value[i]);
                continue;
            }

            builder.Append(decoded);
            i = semicolon;
        }

        return builder.ToString();
    }

    private static string Scalar(int code) =>
        Rune.IsValid(code) ? char.ConvertFromUtf32(code) : "\uFFFD";
}
