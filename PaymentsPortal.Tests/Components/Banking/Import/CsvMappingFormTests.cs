using PaymentsPortal.Components.Pages.Banking.Import;
using PaymentsPortal.Core.Banking.Statements;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Tests.Components.Banking.Import;

/// <summary>What the dialog's mapping form turns a person's corrections into.</summary>
[Trait("Tier", "Unit")]
public sealed class CsvMappingFormTests
{
    private static readonly CsvColumnMapping Proposed = new()
    {
        DateColumn = 0, DateFormats = ["dd/MM/yyyy", "dd/MM/yy"], AmountColumn = 2, DescriptionColumns = [1], BalanceColumn = 3,
        DefaultCurrency = Currency.Gbp, SkipRows = 2,
    };

    [Fact]
    public void ToMapping_NothingChanged_KeepsTheProposal()
    {
        var mapping = new CsvMappingForm(Proposed, 4).ToMapping();

        Assert.Equal(Proposed with { DateFormats = mapping.DateFormats, DescriptionColumns = mapping.DescriptionColumns }, mapping);
        Assert.Equal(["dd/MM/yyyy", "dd/MM/yy"], mapping.DateFormats);
        Assert.Equal([1], mapping.DescriptionColumns);
    }

    [Fact]
    public void ToMapping_MonthFirstDates_AreChosenFromTheUsualFormats()
    {
        var form = new CsvMappingForm(Proposed, 4);
        Assert.Equal("dd/MM/yyyy (or dd/MM/yy)", form.DateFormats[0].Label);

        form.DateFormat = form.DateFormats.Single(f => f.Formats[0] == "MM/dd/yyyy").Value;

        Assert.Equal(["MM/dd/yyyy", "MM/dd/yy"], form.ToMapping().DateFormats);
    }

    [Fact]
    public void ToMapping_SplitColumnsAndADecimalComma_DropTheAmountColumnAndSwapTheThousandsSeparators()
    {
        var form = new CsvMappingForm(Proposed, 5) { SplitAmounts = true, DebitColumn = 2, CreditColumn = 4, DecimalSeparator = ',' };

        var mapping = form.ToMapping();

        Assert.Equal((null, 2, 4), (mapping.AmountColumn, mapping.DebitColumn, mapping.CreditColumn));
        Assert.Equal((',', ". \u00A0\u202F"), (mapping.DecimalSeparator, mapping.ThousandsSeparators));
        Assert.Equal(("money out", "money in", "balance"), (form.RoleOf(2), form.RoleOf(4), form.RoleOf(3)));
    }

    [Fact]
    public void ToMapping_AColumnGivenAnotherRole_IsNoLongerTheBalance()
    {
        var form = new CsvMappingForm(Proposed, 4) { AmountColumn = 3, DescriptionColumns = [2, 1] };

        var mapping = form.ToMapping();

        Assert.Equal((3, (int?)null), (mapping.AmountColumn, mapping.BalanceColumn));
        Assert.Equal([1, 2], mapping.DescriptionColumns);
        Assert.Null(form.RoleOf(5));
    }
}
