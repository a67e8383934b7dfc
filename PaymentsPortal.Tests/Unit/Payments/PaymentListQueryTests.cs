using PaymentsPortal.Components.Pages.Payments;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Search;

namespace PaymentsPortal.Tests.Unit.Payments;

/// <summary>The payments list's URL query: what each value means, and a sentence for each one it cannot read.</summary>
[Trait("Tier", "Unit")]
public sealed class PaymentListQueryTests
{
    private static readonly string[] Unset = ["from", "to", "max", "gateway", "card", "email", "q", "sort", "size", "after", "before"];

    [Theory]
    [InlineData("USD", "12.50", 1250)]
    [InlineData("JPY", "1500", 1500)]
    [InlineData("BHD", "1.250", 1250)]
    [InlineData("bhd", "7", 7000)]
    public void Read_AmountInMajorUnits_IsExactMinorUnitsOfTheCurrency(string currency, string amount, long minor)
    {
        var criteria = new PaymentListQuery { CurrencyCode = currency, MinAmount = amount, MaxAmount = amount }.Read();

        Assert.Empty(criteria.Problems);
        Assert.Equal((minor, minor, currency.ToUpperInvariant()), (criteria.Filter.MinimumAmount, criteria.Filter.MaximumAmount, criteria.Filter.Currency));
    }

    [Theory]
    [InlineData("JPY", "10.5", "Minimum amount: JPY has no minor units: enter a whole number.")]
    [InlineData("USD", "1.005", "Minimum amount: USD has 2 decimal places at most.")]
    [InlineData("EUR", "12,50", "Minimum amount: Enter the amount as digits with an optional '.' before the minor units.")]
    [InlineData("USD", "99999999999999999999", "Minimum amount: The amount is too large.")]
    [InlineData("XYZ", "1", "Currency: 'XYZ' is not a supported ISO 4217 code.")]
    public void Read_AmountTheCurrencyCannotHold_SaysWhy(string currency, string amount, string problem) =>
        Assert.Equal([problem], new PaymentListQuery { CurrencyCode = currency, MinAmount = amount }.Read().Problems);

    [Fact]
    public void Read_EveryFilter_BecomesThePaymentFilter()
    {
        var criteria = new PaymentListQuery
        {
            Statuses = ["failed", "Succeeded"], From = "2026-11-01", To = "2026-11-30", Gateway = "braintree", CardLast4 = "4242",
            Email = " jane@example.com ", Text = "pi_123", Sort = "oldest", Size = "50",
        }.Read();

        Assert.Empty(criteria.Problems);
        Assert.Equal([PaymentStatus.Failed, PaymentStatus.Succeeded], criteria.Filter.Statuses);
        // "to" is a whole UTC day, included: the filter's upper bound is the start of the next day.
        Assert.Equal((new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)),
            (criteria.Filter.CreatedFrom!.Value, criteria.Filter.CreatedBefore!.Value));
        Assert.Equal((GatewayKind.Braintree, "4242", "jane@example.com", "pi_123"),
            (criteria.Filter.Gateway!.Value, criteria.Filter.CardLast4, criteria.Filter.CustomerEmail, criteria.Filter.Text));
        Assert.Equal((PaymentSort.OldestFirst, 50), (criteria.Sort, criteria.Size));
        Assert.True(criteria.IsFiltered);
    }

    [Fact]
    public void Read_Nothing_IsTheDefaultView()
    {
        var criteria = PaymentListQuery.None.Read();

        Assert.Equal((PaymentFilter.None, PaymentSort.NewestFirst, PaymentListQuery.DefaultSize, null, null),
            (criteria.Filter, criteria.Sort, criteria.Size, criteria.After, criteria.Before));
        Assert.False(criteria.IsFiltered);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("Succeeded,Failed")]
    [InlineData("Paid")]
    public void Read_StatusThatIsNotANameOfOne_IsAProblem(string status) =>
        Assert.Equal([$"Status: '{status}' is not a payment status."], new PaymentListQuery { Statuses = [status] }.Read().Problems);

    [Fact]
    public void Read_ContradictoryRanges_AreProblems()
    {
        var problems = new PaymentListQuery { From = "2026-12-01", To = "2026-11-01", CurrencyCode = "USD", MinAmount = "20", MaxAmount = "10" }.Read().Problems;

        Assert.Equal(["The 'from' date is after the 'to' date.", "The minimum amount is more than the maximum amount."], problems);
    }

    [Fact]
    public void Read_CursorOfItsOrder_PagesAfterOrBeforeIt()
    {
        var cursor = new PaymentCursor(PaymentSort.LargestFirst, 1250, Guid.NewGuid());

        var after = new PaymentListQuery { Sort = "largest", After = cursor.ToString() }.Read();
        var before = new PaymentListQuery { Sort = "largest", Before = cursor.ToString() }.Read();
        var both = new PaymentListQuery { Sort = "largest", After = cursor.ToString(), Before = cursor.ToString() }.Read();

        Assert.Equal((cursor, null), (after.After, after.Before));
        Assert.Equal((null, cursor), (before.After, before.Before));
        Assert.Equal(["The page link names both a next and a previous page; open the first page instead."], both.Problems);
    }

    [Fact]
    public void WithFilterOf_KeepsOrderAndSize_AndStartsAtTheFirstPage()
    {
        var shown = new PaymentListQuery { Text = "old", Sort = "largest", Size = "50", After = "2.1.x" };

        var next = shown.WithFilterOf(new PaymentListQuery { Statuses = ["Failed"] });

        Assert.Equal(new PaymentListQuery { Statuses = ["Failed"], Sort = "largest", Size = "50" }, next);
    }

    [Fact]
    public void Equality_IsByValue_StatusesIncluded()
    {
        Assert.Equal(new PaymentListQuery { Statuses = ["Failed"], Text = "x" }, new PaymentListQuery { Statuses = ["Failed"], Text = "x" });
        Assert.NotEqual(new PaymentListQuery { Statuses = ["Failed"] }, new PaymentListQuery { Statuses = ["Succeeded"] });
    }

    [Fact]
    public void ToParameters_WritesEveryValueAndRemovesTheUnset()
    {
        var parameters = new PaymentListQuery { Statuses = ["Failed", "Canceled"], CurrencyCode = "USD", MinAmount = "12.50" }.ToParameters();

        Assert.Equal(["Failed", "Canceled"], (string[])parameters["status"]!);
        Assert.Equal(("USD", "12.50"), (parameters["currency"], parameters["min"]));
        Assert.All(Unset, name => Assert.Null(parameters[name]));
    }
}
