using System.Globalization;
using System.Text;

namespace PaymentsPortal.Core.Banking.Statements.Csv;

/// <summary>The columns a guess found for each role (0-based), before people check them.</summary>
internal sealed record CsvRoles(
    int? Date, int? Amount, int? Debit, int? Credit, int? Balance, int? Reference, int? Currency, IReadOnlyList<int> Description);

/// <summary>
/// Recognises a header row and the role of each column by its name, in English and the most common European bank
/// exports. An exact name beats a name that starts with a synonym, which beats one that merely contains it.
/// </summary>
internal static class CsvHeaderGuess
{
    private enum Role
    {
        Date,
        Debit,
        Credit,
        Amount,
        Balance,
        Currency,
        Reference,
        Description,
    }

    private static readonly (Role Role, string[] Names)[] Synonyms =
    [
        (Role.Date, ["date", "transaction date", "posted date", "posting date", "posted", "trans date", "booking date", "buchungstag", "buchungsdatum", "datum", "date operation", "fecha", "data"]),
        (Role.Debit, ["debit", "debits", "withdrawal", "withdrawals", "money out", "paid out", "debit amount", "soll", "ausgang"]),
        (Role.Credit, ["credit", "credits", "deposit", "deposits", "money in", "paid in", "credit amount", "haben", "eingang"]),
        (Role.Amount, ["amount", "transaction amount", "betrag", "montant", "importe"]),
        (Role.Balance, ["balance", "running balance", "saldo", "solde", "kontostand"]),
        (Role.Currency, ["currency", "ccy", "wahrung", "devise", "moneda"]),
        (Role.Reference, ["reference", "ref", "id", "transaction id", "fitid", "reference number", "ref no", "check number", "cheque number", "referenz"]),
        (Role.Description, ["description", "memo", "payee", "narrative", "details", "transaction details", "name", "merchant", "verwendungszweck", "buchungstext", "auftraggeber empfanger", "beschreibung", "libelle", "concepto"]),
    ];

    /// <summary>A header names at least a date column and an amount, debit or credit column.</summary>
    public static bool IsHeader(IReadOnlyList<string> cells)
    {
        var names = cells.Select(Normalize).ToList();
        return names.Any(n => Score(n, Role.Date) > 0) && names.Any(n => Score(n, Role.Amount) + Score(n, Role.Debit) + Score(n, Role.Credit) > 0);
    }

    public static CsvRoles Roles(IReadOnlyList<string> cells)
    {
        var names = cells.Select(Normalize).ToList();
        var used = new HashSet<int>();
        int? Pick(Role role)
        {
            var best = Enumerable.Range(0, names.Count).Where(i => !used.Contains(i))
                .Select(i => (Index: i, Score: Score(names[i], role)))
                .Where(c => c.Score > 0).OrderByDescending(c => c.Score).ThenBy(c => c.Index).Select(c => (int?)c.Index).FirstOrDefault();
            if (best is { } index)
            {
                used.Add(index);
            }

            return best;
        }

        var date = Pick(Role.Date);
        var debit = Pick(Role.Debit);
        var credit = Pick(Role.Credit);
        var amount = Pick(Role.Amount);
        if (debit is null != credit is null)
        {
            // One "Debit/Credit" column holds signed amounts.
            amount ??= debit ?? credit;
            debit = credit = null;
        }

        var balance = Pick(Role.Balance);
        var currency = Pick(Role.Currency);
        var reference = Pick(Role.Reference);
        var description = Enumerable.Range(0, names.Count).Where(i => !used.Contains(i) && Score(names[i], Role.Description) > 0).ToList();
        return new CsvRoles(date, amount, debit, credit, balance, reference, currency, description);
    }

    private static int Score(string name, Role role)
    {
        var best = 0;
        foreach (var synonym in Synonyms.First(s => s.Role == role).Names)
        {
            var score = name == synonym ? 3
                : name.StartsWith(synonym + " ", StringComparison.Ordinal) ? 2
                : (" " + name + " ").Contains(" " + synonym + " ", StringComparison.Ordinal) ? 1
                : 0;
            best = Math.Max(best, score);
        }

        return best;
    }

    /// <summary>Lower case, accents off (Währung → wahrung), punctuation as spaces, spaces collapsed.</summary>
    private static string Normalize(string header)
    {
        var builder = new StringBuilder(header.Length);
        foreach (var c in StatementText.CleanDescription(header).Normalize(NormalizationForm.FormD))
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(' ');
            }
        }

        return string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
