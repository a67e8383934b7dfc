namespace PaymentsPortal.Core.Banking.Statements;

/// <summary>
/// Tells CSV from OFX (and both from things that are neither) by looking at the content: people rename files, and
/// banks name QFX files .ofx and OFX files .qfx.
/// </summary>
internal static class StatementFormatDetector
{
    private const int Sniff = 4096;

    /// <summary>A problem for files that are recognisably not text at all (PDF, spreadsheets, zip), else null.</summary>
    public static StatementProblem? BinaryKind(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("%PDF"u8))
        {
            return StatementProblem.ForFile("This is a PDF. Download the statement from your bank as CSV, OFX or QFX instead.");
        }

        if (bytes.StartsWith("PK\u0003\u0004"u8) || bytes.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]))
        {
            return StatementProblem.ForFile("This is a spreadsheet workbook or an archive, not a CSV file. Save it as CSV (comma separated) and import that.");
        }

        return null;
    }

    public static StatementFormat? Detect(string text, out StatementProblem? problem)
    {
        problem = null;
        var start = text.AsSpan().TrimStart();
        if (start.IsEmpty)
        {
            problem = StatementProblem.ForFile("The file is empty.");
            return null;
        }

        var head = start[..Math.Min(start.Length, Sniff)];
        if (LooksBinary(head))
        {
            problem = StatementProblem.ForFile("This is not a text file: it looks like binary data. Download the statement from your bank as CSV, OFX or QFX.");
            return null;
        }

        if (head.StartsWith("OFXHEADER", StringComparison.OrdinalIgnoreCase))
        {
            return StatementFormat.OfxSgml;
        }

        var hasOfxTag = head.Contains("<OFX>", StringComparison.OrdinalIgnoreCase);
        if (head.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase))
        {
            if (hasOfxTag || head.Contains("<?OFX", StringComparison.OrdinalIgnoreCase))
            {
                return StatementFormat.OfxXml;
            }

            problem = StatementProblem.ForFile("This is an XML file but not an OFX statement.");
            return null;
        }

        if (hasOfxTag && head[0] == '<')
        {
            // OFX 1.x without its header block: some banks leave it out.
            return StatementFormat.OfxSgml;
        }

        if (head[0] == '<')
        {
            problem = head.Contains("<html", StringComparison.OrdinalIgnoreCase) || head.Contains("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase)
                ? StatementProblem.ForFile("This is a web page, not a statement: the bank's download may have failed or asked you to sign in again.")
                : StatementProblem.ForFile("This looks like XML or HTML, but it is not an OFX statement.");
            return null;
        }

        return StatementFormat.Csv;
    }

    /// <summary>NUL, or more than one in a hundred control characters other than tab, line feed, carriage return and form feed.</summary>
    private static bool LooksBinary(ReadOnlySpan<char> head)
    {
        var control = 0;
        foreach (var c in head)
        {
            if (c == '\0')
            {
                return true;
            }

            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r' or '\f'))
            {
                control++;
            }
        }

        return control * 100 > head.Length;
    }
}
