using System.Text;

namespace PaymentsPortal.Benchmarks.Payments;

/// <summary>A Markdown table padded to line up in a terminal too, so the printed report can be pasted into the README as is.</summary>
internal sealed class MarkdownTable(params string[] header)
{
    private readonly List<string[]> rows = [];

    /// <summary>Columns written left-aligned (text); the others are numbers and are right-aligned.</summary>
    public HashSet<int> TextColumns { get; init; } = [0];

    public void Add(params string[] cells)
    {
        if (cells.Length != header.Length)
        {
            throw new ArgumentException($"A row needs {header.Length} cells, not {cells.Length}.", nameof(cells));
        }

        rows.Add(cells);
    }

    public override string ToString()
    {
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        Line(text, header, widths);
        Line(text, [.. widths.Select(w => new string('-', w))], widths);
        foreach (var row in rows)
        {
            Line(text, row, widths);
        }

        return text.ToString();
    }

    private void Line(StringBuilder text, string[] cells, int[] widths) =>
        text.AppendLine("| " + string.Join(" | ", cells.Select((c, i) => TextColumns.Contains(i) ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))) + " |");
}
