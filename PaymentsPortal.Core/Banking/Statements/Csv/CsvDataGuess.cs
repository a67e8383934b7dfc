namespace PaymentsPortal.Core.Banking.Statements.Csv;

/// <summary>
/// Column roles for a CSV without a header, from the values: the first column of dates, then the numeric columns
/// (two that are never filled on the same row are debit and credit; otherwise amount, then balance), and the longest
/// text as the description.
/// </summary>
internal static class CsvDataGuess
{
    public static CsvRoles Roles(List<CsvRecord> data, int width)
    {
        var sample = data.Take(200).ToList();
        List<string> Values(int column) =>
            sample.Select(r => column < r.Cells.Length ? r.Cells[column].Trim() : "").ToList();

        int? date = Enumerable.Range(0, width)
            .Where(c => Values(c).Where(v => v.Length > 0).ToList() is { Count: > 0 } values && values.Count(CsvValueGuess.LooksLikeDate) * 10 >= values.Count * 8)
            .Select(c => (int?)c).FirstOrDefault();
        var numeric = Enumerable.Range(0, width)
            .Where(c => c != date && Values(c).Where(v => v.Length > 0).ToList() is { Count: > 0 } values && values.All(LooksNumeric))
            .ToList();
        int? amount = null, debit = null, credit = null, balance = null;
        if (numeric.Count >= 2 && Complementary(Values(numeric[0]), Values(numeric[1])))
        {
            (debit, credit) = (numeric[0], numeric[1]);
            balance = numeric.Count > 2 ? numeric[2] : null;
        }
        else if (numeric.Count > 0)
        {
            amount = numeric[0];
            balance = numeric.Count > 1 ? numeric[^1] : null;
        }

        var used = new HashSet<int?> { date, amount, debit, credit, balance };
        var description = Enumerable.Range(0, width).Where(c => !used.Contains(c))
            .OrderByDescending(c => Values(c).Sum(v => v.Length)).Take(1).ToList();
        return new CsvRoles(date, amount, debit, credit, balance, null, null, description);
    }

    private static bool LooksNumeric(string value) =>
        value.Any(char.IsAsciiDigit) && value.All(c => char.IsAsciiDigit(c) || c is '.' or ',' or '-' or '+' or '(' or ')' or ' ' or '$' or '€' or '£');

    /// <summary>On every row exactly one of the two has a value.</summary>
    private static bool Complementary(List<string> left, List<string> right) =>
        left.Zip(right).All(p => (p.First.Length > 0) != (p.Second.Length > 0));
}
