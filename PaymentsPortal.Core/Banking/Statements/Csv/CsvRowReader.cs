using System.Globalization;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Core.Banking.Statements.Csv;

/// <summary>One CSV row to one transaction: every cell that cannot be read is a problem of its own.</summary>
internal sealed class CsvRowReader(CsvRecord record, CsvColumnMapping mapping, string[] headers, ProblemList problems)
{
    private bool failed;

    public (DateOnly Date, Money Amount, string Description, string? Reference, Money? Balance)? Read()
    {
        var currency = RowCurrency();
        var date = Date();
        var amount = currency is null ? null : Amount(currency);
        var balance = currency is null || mapping.BalanceColumn is not { } column ? null : Number(column, currency, out _);
        if (failed || date is null || amount is null)
        {
            return null;
        }

        var description = string.Join(' ', mapping.DescriptionColumns.Select(Cell).Where(c => c.Length > 0));
        var reference = mapping.ReferenceColumn is { } referenceColumn && Cell(referenceColumn) is { Length: > 0 } text ? StatementText.CleanDescription(text) : null;
        return (date.Value, amount.Value, StatementText.CleanDescription(description), reference, balance);
    }

    private Currency? RowCurrency()
    {
        if (mapping.CurrencyColumn is not { } column || Cell(column) is not { Length: > 0 } code)
        {
            if (mapping.DefaultCurrency is null)
            {
                Fail(mapping.CurrencyColumn, "the currency is blank and no default currency is chosen");
            }

            return mapping.DefaultCurrency;
        }

        if (Currency.TryFrom(code, out var currency))
        {
            return currency;
        }

        Fail(column, $"the currency {StatementText.Quote(code)} is not one we know");
        return null;
    }

    private DateOnly? Date()
    {
        var column = mapping.DateColumn!.Value;
        var text = Cell(column);
        if (text.Length == 0)
        {
            Fail(column, "the date is blank");
            return null;
        }

        switch (StatementDate.TryParse(text, mapping.DateFormats, out var date))
        {
            case StatementDate.Outcome.Parsed:
                return date;
            case StatementDate.Outcome.NoSuchDay:
                Fail(column, $"the date {StatementText.Quote(text)} does not exist (read as {StatementDate.Describe(mapping.DateFormats)})");
                return null;
            default:
                Fail(column, $"the date {StatementText.Quote(text)} is not a date written as {StatementDate.Describe(mapping.DateFormats)}");
                return null;
        }
    }

    private Money? Amount(Currency currency)
    {
        if (mapping.AmountColumn is { } column)
        {
            var amount = Number(column, currency, out var unreadable);
            if (amount is null && !unreadable)
            {
                Fail(column, "the amount is blank");
            }

            return amount is { } signed && mapping.AmountSign == CsvAmountSign.PositiveIsMoneyOut ? new Money(-signed.MinorUnits, currency) : amount;
        }

        var debit = Number(mapping.DebitColumn!.Value, currency, out var badDebit);
        var credit = Number(mapping.CreditColumn!.Value, currency, out var badCredit);
        if (badDebit || badCredit)
        {
            return null;
        }

        if (debit is { MinorUnits: not 0 } && credit is { MinorUnits: not 0 })
        {
            Fail(mapping.DebitColumn, "both the debit and the credit column have an amount");
            return null;
        }

        if (debit is null && credit is null)
        {
            Fail(mapping.DebitColumn, "neither the debit nor the credit column has an amount");
            return null;
        }

        // Banks print withdrawals as 12.00 or -12.00 in a debit column; the column, not the sign, says which way it went.
        return credit is { MinorUnits: not 0 } c ? new Money(Math.Abs(c.MinorUnits), currency)
            : new Money(-Math.Abs(debit?.MinorUnits ?? 0), currency);
    }

    /// <summary>The amount in the cell; null when it is blank or (<paramref name="unreadable"/>, reported) cannot be read.</summary>
    private Money? Number(int column, Currency currency, out bool unreadable)
    {
        var amount = StatementAmount.Parse(Cell(column), mapping.DecimalSeparator, mapping.ThousandsSeparators, currency, out var error);
        unreadable = error is not null;
        if (unreadable)
        {
            Fail(column, error!);
        }

        return amount;
    }

    private string Cell(int column) => column < record.Cells.Length ? record.Cells[column].Trim() : "";

    private void Fail(int? column, string detail)
    {
        failed = true;
        var name = column is not { } index ? null
            : index < headers.Length && headers[index].Trim().Length > 0 ? headers[index].Trim()
            : "column " + (index + 1).ToString(CultureInfo.InvariantCulture);
        problems.Add(StatementProblem.AtLine(record.Line, name, detail));
    }
}
