using System.Diagnostics.CodeAnalysis;

namespace PaymentsPortal.Core.Banking.Statements.Ofx;

/// <summary>
/// The plain-text header block of OFX 1.x: <c>KEY:VALUE</c> pairs (OFXHEADER, DATA, VERSION, ENCODING, CHARSET, …)
/// before the first tag. Banks separate them with CRLF, LF or just spaces, and some pad the colon; all are read.
/// </summary>
internal sealed class OfxHeader
{
    private readonly Dictionary<string, string> values;

    private OfxHeader(Dictionary<string, string> values, int bodyStart)
    {
        this.values = values;
        BodyStart = bodyStart;
    }

    /// <summary>The index of the first '&lt;' after the header: where the SGML body starts.</summary>
    public int BodyStart { get; }

    public string? Get(string key) => values.GetValueOrDefault(key);

    /// <summary>Reads the header when <paramref name="text"/> starts (after white space) with OFXHEADER.</summary>
    public static bool TryRead(string text, [NotNullWhen(true)] out OfxHeader? header)
    {
        header = null;
        var start = 0;
        while (start < text.Length && (char.IsWhiteSpace(text[start]) || text[start] == '\uFEFF'))
        {
            start++;
        }

        if (!text.AsSpan(start).StartsWith("OFXHEADER", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var bodyStart = text.IndexOf('<', start);
        var block = bodyStart < 0 ? text[start..] : text[start..bodyStart];
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        // "KEY : VALUE" pairs, whatever white space separates them: split into words, then glue the colons back.
        var words = block.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var joined = string.Join(' ', words).Replace(" :", ":", StringComparison.Ordinal).Replace(": ", ":", StringComparison.Ordinal);
        foreach (var pair in joined.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                values.TryAdd(pair[..colon], pair[(colon + 1)..]);
            }
        }

        header = new OfxHeader(values, bodyStart < 0 ? text.Length : bodyStart);
        return true;
    }
}
