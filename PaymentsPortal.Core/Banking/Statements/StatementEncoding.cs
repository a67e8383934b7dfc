using System.Text;
using System.Text.Unicode;
using PaymentsPortal.Core.Banking.Statements.Ofx;

namespace PaymentsPortal.Core.Banking.Statements;

/// <summary>
/// Works out how a statement's bytes are text. In order: a byte-order mark (UTF-8, UTF-16, UTF-32); UTF-16 without one
/// (every other byte zero); what an OFX header or XML declaration says; valid UTF-8; else Windows-1252, which is what
/// spreadsheet programs and older bank systems write when they write neither.
/// </summary>
internal static class StatementEncoding
{
    // The code pages ship with .NET but are only reachable through their provider; asking it directly avoids changing
    // the process-wide Encoding.GetEncoding behaviour that a global RegisterProvider call would.
    public static Encoding Windows1252 { get; } = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    private static readonly Encoding Utf8NoMark = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The encoding of <paramref name="bytes"/> and how many leading bytes are its byte-order mark.</summary>
    public static (Encoding Encoding, int MarkLength) Detect(ReadOnlySpan<byte> bytes)
    {
        if (bytes is [0xFF, 0xFE, 0x00, 0x00, ..])
        {
            return (new UTF32Encoding(bigEndian: false, byteOrderMark: false), 4);
        }

        if (bytes is [0x00, 0x00, 0xFE, 0xFF, ..])
        {
            return (new UTF32Encoding(bigEndian: true, byteOrderMark: false), 4);
        }

        if (bytes is [0xEF, 0xBB, 0xBF, ..])
        {
            return (Utf8NoMark, 3);
        }

        if (bytes is [0xFF, 0xFE, ..])
        {
            return (new UnicodeEncoding(bigEndian: false, byteOrderMark: false), 2);
        }

        if (bytes is [0xFE, 0xFF, ..])
        {
            return (new UnicodeEncoding(bigEndian: true, byteOrderMark: false), 2);
        }

        if (UnmarkedUtf16(bytes) is { } utf16)
        {
            return (utf16, 0);
        }

        return (Declared(bytes) ?? (Utf8Valid(bytes) ? Utf8NoMark : Windows1252), 0);
    }

    private static bool Utf8Valid(ReadOnlySpan<byte> bytes) => Utf8.IsValid(bytes);

    /// <summary>UTF-16 written without a mark: mostly-ASCII text then has a zero in every other byte.</summary>
    private static UnicodeEncoding? UnmarkedUtf16(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..(Math.Min(bytes.Length, 1024) & ~1)];
        if (sample.Length < 4)
        {
            return null;
        }

        int evenZeros = 0, oddZeros = 0;
        for (var i = 0; i < sample.Length; i += 2)
        {
            evenZeros += sample[i] == 0 ? 1 : 0;
            oddZeros += sample[i + 1] == 0 ? 1 : 0;
        }

        var pairs = sample.Length / 2;
        if (oddZeros > pairs * 6 / 10 && evenZeros < pairs / 10)
        {
            return new UnicodeEncoding(bigEndian: false, byteOrderMark: false);
        }

        return evenZeros > pairs * 6 / 10 && oddZeros < pairs / 10 ? new UnicodeEncoding(bigEndian: true, byteOrderMark: false) : null;
    }

    /// <summary>
    /// The encoding an OFX 1.x header (ENCODING, CHARSET) or an XML declaration names. A declared UTF-8 that is not
    /// valid UTF-8 is provably wrong and falls through to detection; a declared single-byte code page cannot be
    /// disproved and is honoured.
    /// </summary>
    private static Encoding? Declared(ReadOnlySpan<byte> bytes)
    {
        // Headers and declarations are ASCII, so Latin-1 reads them whatever the rest of the file is.
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 1024)]);
        string? name;
        if (OfxHeader.TryRead(head, out var header))
        {
            var encoding = header.Get("ENCODING");
            name = string.Equals(encoding, "UTF-8", StringComparison.OrdinalIgnoreCase) ? encoding : header.Get("CHARSET") ?? encoding;
        }
        else
        {
            name = XmlDeclaredEncoding(head);
        }

        return name?.Trim().ToUpperInvariant() switch
        {
            null or "" => null,
            "UTF-8" or "UTF8" => Utf8Valid(bytes) ? Utf8NoMark : null,
            "ISO-8859-1" or "8859-1" or "LATIN1" or "ISO8859-1" => Encoding.Latin1,
            // USASCII with CHARSET NONE, or plain ASCII: a file that says ASCII but has accented letters is
            // almost always Windows-1252, its superset.
            "1252" or "WINDOWS-1252" or "CP1252" or "NONE" or "USASCII" or "US-ASCII" or "ASCII" => Windows1252,
            _ => null,
        };
    }

    private static string? XmlDeclaredEncoding(string head)
    {
        var start = head.TrimStart();
        if (!start.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var end = start.IndexOf("?>", StringComparison.Ordinal);
        var declaration = end < 0 ? start : start[..end];
        var at = declaration.IndexOf("encoding", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return null;
        }

        var rest = declaration[(at + "encoding".Length)..].TrimStart(' ', '=', '\t');
        if (rest.Length < 2 || (rest[0] != '"' && rest[0] != '\''))
        {
            return null;
        }

        var close = rest.IndexOf(rest[0], 1);
        return close < 0 ? null : rest[1..close];
    }
}
