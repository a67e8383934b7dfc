using PaymentsPortal.Core.Banking.Accounts;
using PaymentsPortal.Core.Banking.Statements;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Core.Banking.Imports;

/// <summary>Whether a statement fits the portal account it is imported into: its currency (a refusal) and its account number (a warning).</summary>
internal static class StatementAccountChecks
{
    /// <summary>
    /// Lines in another currency than the account's. An account holds one currency, and a deposit in another would never match its
    /// payout, so such a file is refused: as one sentence when the whole statement is in the other currency, else line by line.
    /// </summary>
    public static (IReadOnlyList<StatementProblem> Problems, int More) CurrencyProblems(
        IReadOnlyList<StatementLine> lines, BankAccount account, string accountName, int maxProblems)
    {
        var wrong = lines.Where(l => l.Amount.Currency.Code != account.CurrencyCode).ToList();
        if (wrong.Count == 0)
        {
            return ([], 0);
        }

        var codes = wrong.Select(l => l.Amount.Currency.Code).Distinct(StringComparer.Ordinal).ToList();
        if (wrong.Count == lines.Count && codes.Count == 1)
        {
            return ([new StatementProblem(null, null,
                $"The statement is in {codes[0]}, but {accountName} is kept in {account.CurrencyCode}: import it into an account kept in {codes[0]}, "
                + "or, for a CSV, choose the currency the file is really in.")], 0);
        }

        var listed = wrong.Take(Math.Max(1, maxProblems))
            .Select(l => StatementProblem.AtLine(l.LineNumber, null, $"the amount is in {l.Amount.Currency.Code}, but {accountName} is kept in {account.CurrencyCode}"))
            .ToList();
        return (listed, wrong.Count - listed.Count);
    }

    /// <summary>What an OFX statement says that does not fit the account: shown before the import, which it does not stop on its own.</summary>
    public static IEnumerable<string> OfxWarnings(StatementMetadata metadata, BankAccount account, string accountName)
    {
        if (metadata.Currency is { } currency && currency.Code != account.CurrencyCode)
        {
            yield return $"The statement is in {currency.Code}, but {accountName} is kept in {account.CurrencyCode}: the import will be refused.";
        }

        if (metadata.AccountLast4 is { Length: > 0 } last4 && account.Mask is { Length: > 0 } mask && !SameEnding(last4, mask))
        {
            yield return $"The statement is for an account ending in {last4}, but {accountName} ends in {mask}. Check that this is the right file.";
        }
    }

    /// <summary>What a CSV preview says that does not fit the account: the proposed currency, or other codes in the first rows' currency column.</summary>
    public static IEnumerable<string> CsvWarnings(CsvStatementPreview preview, BankAccount account, string accountName)
    {
        var mapping = preview.Mapping;
        var codes = mapping?.CurrencyColumn is { } column
            ? preview.Rows.Select(r => column < r.Cells.Count ? r.Cells[column].Trim().ToUpperInvariant() : "").Where(c => c.Length > 0)
            : mapping?.DefaultCurrency is { } currency ? [currency.Code] : [];
        var others = codes.Where(c => c != account.CurrencyCode).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (others.Count > 0)
        {
            yield return $"The amounts look like {string.Join(" and ", others)}, but {accountName} is kept in {account.CurrencyCode}: "
                + $"lines in another currency will be refused.";
        }
    }

    /// <summary>The account's currency where the mapping names none, since the account's currency is what the statement should be in.</summary>
    public static CsvColumnMapping WithAccountCurrency(CsvColumnMapping mapping, BankAccount account) =>
        mapping.DefaultCurrency is null && Currency.TryFrom(account.CurrencyCode, out var currency) ? mapping with { DefaultCurrency = currency } : mapping;

    // A bank shows 2 to 4 digits, an OFX file gives 4: compare as many as both have.
    private static bool SameEnding(string last4, string mask)
    {
        var length = Math.Min(last4.Length, mask.Length);
        return string.Equals(last4[^length..], mask[^length..], StringComparison.OrdinalIgnoreCase);
    }
}
