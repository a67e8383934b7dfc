using PaymentsPortal.Core.Banking.Statements;

namespace PaymentsPortal.Components.Pages.Banking.Import;

/// <summary>
/// The editable part of a proposed <see cref="CsvColumnMapping"/>: which column holds what, how dates and numbers are written, and
/// what a positive amount means. What a person does not see here (delimiter, header row, rows skipped, currency) stays as proposed.
/// </summary>
public sealed class CsvMappingForm
{
    // The thousands separators that go with each decimal separator, as the preview proposes them.
    private const string PointThousands = ",";
    private const string CommaThousands = ". \u00A0\u202F";

    private readonly CsvColumnMapping proposed;

    public CsvMappingForm(CsvColumnMapping proposed, int columnCount)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        this.proposed = proposed;
        ColumnCount = columnCount;
        DateColumn = proposed.DateColumn;
        DateFormat = DateFormatChoice.Key(proposed.DateFormats);
        DateFormats = DateFormatChoice.With(proposed.DateFormats);
        SplitAmounts = proposed.AmountColumn is null && (proposed.DebitColumn is not null || proposed.CreditColumn is not null);
        AmountColumn = proposed.AmountColumn;
        DebitColumn = proposed.DebitColumn;
        CreditColumn = proposed.CreditColumn;
        AmountSign = proposed.AmountSign;
        DecimalSeparator = proposed.DecimalSeparator;
        DescriptionColumns = [.. proposed.DescriptionColumns];
        ReferenceColumn = proposed.ReferenceColumn;
    }

    public int ColumnCount { get; }

    /// <summary>The proposal's date formats first, then the usual ones.</summary>
    public IReadOnlyList<DateFormatChoice> DateFormats { get; }

    public int? DateColumn { get; set; }

    /// <summary>The <see cref="DateFormatChoice.Value"/> chosen.</summary>
    public string DateFormat { get; set; }

    /// <summary>Debit and credit columns rather than one signed amount column.</summary>
    public bool SplitAmounts { get; set; }

    public int? AmountColumn { get; set; }

    public int? DebitColumn { get; set; }

    public int? CreditColumn { get; set; }

    public CsvAmountSign AmountSign { get; set; }

    public char DecimalSeparator { get; set; }

    public IReadOnlyCollection<int> DescriptionColumns { get; set; }

    public int? ReferenceColumn { get; set; }

    /// <summary>The mapping to import with: the proposal, corrected.</summary>
    public CsvColumnMapping ToMapping()
    {
        var chosen = new[] { DateColumn, SplitAmounts ? DebitColumn : AmountColumn, SplitAmounts ? CreditColumn : null, ReferenceColumn }
            .OfType<int>().Concat(DescriptionColumns).ToHashSet();
        return proposed with
        {
            DateColumn = DateColumn,
            DateFormats = DateFormats.FirstOrDefault(f => f.Value == DateFormat)?.Formats ?? proposed.DateFormats,
            AmountColumn = SplitAmounts ? null : AmountColumn,
            DebitColumn = SplitAmounts ? DebitColumn : null,
            CreditColumn = SplitAmounts ? CreditColumn : null,
            AmountSign = AmountSign,
            DecimalSeparator = DecimalSeparator,
            ThousandsSeparators = DecimalSeparator == proposed.DecimalSeparator ? proposed.ThousandsSeparators
                : DecimalSeparator == ',' ? CommaThousands : PointThousands,
            DescriptionColumns = [.. DescriptionColumns.Order()],
            ReferenceColumn = ReferenceColumn,

            // Balance and currency are not edited here; a column the person gave another role no longer holds them.
            BalanceColumn = proposed.BalanceColumn is { } balance && chosen.Contains(balance) ? null : proposed.BalanceColumn,
            CurrencyColumn = proposed.CurrencyColumn is { } currency && chosen.Contains(currency) ? null : proposed.CurrencyColumn,
        };
    }

    /// <summary>What the column is mapped to now, for the preview table's header; null when it is not read.</summary>
    public string? RoleOf(int column)
    {
        var mapping = ToMapping();
        return column == mapping.DateColumn ? "date"
            : column == mapping.AmountColumn ? "amount"
            : column == mapping.DebitColumn ? "money out"
            : column == mapping.CreditColumn ? "money in"
            : mapping.DescriptionColumns.Contains(column) ? "description"
            : column == mapping.ReferenceColumn ? "reference"
            : column == mapping.BalanceColumn ? "balance"
            : column == mapping.CurrencyColumn ? "currency"
            : null;
    }
}

/// <summary>A way of writing dates that a statement may use: formats tried in order, e.g. dd/MM/yyyy then dd/MM/yy.</summary>
public sealed record DateFormatChoice(IReadOnlyList<string> Formats)
{
    // The families the preview knows, so a person can correct a wrong guess (day-first against month-first above all).
    private static readonly DateFormatChoice[] Usual =
    [
        new(["yyyy-MM-dd"]), new(["dd/MM/yyyy", "dd/MM/yy"]), new(["MM/dd/yyyy", "MM/dd/yy"]), new(["dd.MM.yyyy", "dd.MM.yy"]),
        new(["dd-MM-yyyy", "dd-MM-yy"]), new(["MM-dd-yyyy", "MM-dd-yy"]), new(["yyyy/MM/dd"]), new(["yyyy.MM.dd"]), new(["yyyyMMdd"]),
        new(["dd MMM yyyy", "dd MMM yy"]), new(["dd-MMM-yyyy", "dd-MMM-yy"]), new(["MMM dd, yyyy", "MMM dd yyyy"]),
    ];

    /// <summary>Identifies the choice in a select.</summary>
    public string Value => Key(Formats);

    /// <summary>"dd/MM/yyyy (or dd/MM/yy)".</summary>
    public string Label => Formats.Count == 1 ? Formats[0] : $"{Formats[0]} (or {string.Join(", ", Formats.Skip(1))})";

    public static string Key(IReadOnlyList<string> formats) => string.Join(" | ", formats);

    /// <summary>The proposal's formats, then every usual family not already among them.</summary>
    public static IReadOnlyList<DateFormatChoice> With(IReadOnlyList<string> proposed)
    {
        var first = new DateFormatChoice(proposed);
        return [first, .. Usual.Where(u => u.Value != first.Value)];
    }
}
