using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Core.Banking.Statements;

/// <summary>
/// How to read one bank's CSV: which column holds what, and how its dates and numbers are written. A
/// <see cref="CsvStatementPreview"/> proposes one; people correct it with <c>with</c> expressions and the storing side
/// can remember it per bank account. Columns are 0-based indexes, because header names repeat and some files have none.
/// </summary>
public sealed record CsvColumnMapping
{
    /// <summary>',' ';' or '\t'.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>Rows to skip before the header (or the first transaction): the account details some banks put on top.</summary>
    public int SkipRows { get; init; }

    public bool HasHeaderRow { get; init; } = true;

    public int? DateColumn { get; init; }

    /// <summary>
    /// Tried in order, e.g. "dd/MM/yyyy" then "dd/MM/yy". Pieces: yyyy, yy, MM or M, dd or d, MMM (Jan…Dec), with
    /// - / . , or space between. Day-first or month-first is decided here, never guessed per row.
    /// </summary>
    public IReadOnlyList<string> DateFormats { get; init; } = ["yyyy-MM-dd"];

    /// <summary>A single signed amount column; leave null when the file has separate debit and credit columns.</summary>
    public int? AmountColumn { get; init; }

    /// <summary>Money out (withdrawals). Its numbers count as money out whatever their sign.</summary>
    public int? DebitColumn { get; init; }

    /// <summary>Money in (deposits). Its numbers count as money in whatever their sign.</summary>
    public int? CreditColumn { get; init; }

    /// <summary>Only for <see cref="AmountColumn"/>.</summary>
    public CsvAmountSign AmountSign { get; init; } = CsvAmountSign.PositiveIsMoneyIn;

    /// <summary>'.' or ','.</summary>
    public char DecimalSeparator { get; init; } = '.';

    /// <summary>The characters allowed between groups of three digits, e.g. "," or ". " (a space and a point).</summary>
    public string ThousandsSeparators { get; init; } = ",";

    /// <summary>Joined with a space, in this order: e.g. payee then memo.</summary>
    public IReadOnlyList<int> DescriptionColumns { get; init; } = [];

    public int? ReferenceColumn { get; init; }

    public int? BalanceColumn { get; init; }

    /// <summary>A column of ISO codes (USD, EUR), for files that mix currencies; a blank cell means <see cref="DefaultCurrency"/>.</summary>
    public int? CurrencyColumn { get; init; }

    public Currency? DefaultCurrency { get; init; }

    /// <summary>Every column the mapping reads, with the role it has, for checks and messages.</summary>
    internal IEnumerable<(string Role, int Column)> Columns()
    {
        (string, int?)[] single =
        [
            ("date", DateColumn), ("amount", AmountColumn), ("debit", DebitColumn), ("credit", CreditColumn),
            ("reference", ReferenceColumn), ("balance", BalanceColumn), ("currency", CurrencyColumn),
        ];
        foreach (var (role, column) in single)
        {
            if (column is { } index)
            {
                yield return (role, index);
            }
        }

        foreach (var column in DescriptionColumns)
        {
            yield return ("description", column);
        }
    }
}
