using PaymentsPortal.Components.Pages.Checkout;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Tests.Unit.Checkout;

[Trait("Tier", "Unit")]
public sealed class TerminalFormTests
{
    [Theory]
    [InlineData("12.34", "USD", 1234L)]
    [InlineData("12.3", "USD", 1230L)]
    [InlineData(" 0.01 ", "USD", 1L)]
    [InlineData("1500", "JPY", 1500L)]
    [InlineData("1.234", "BHD", 1234L)]
    [InlineData("0.005", "BHD", 5L)]
    [InlineData("2.5", "CLF", 25000L)]
    [InlineData("99999999.99", "USD", 9999999999L)]
    public void ToMoney_ValidAmount_IsExactlyTheCurrencysMinorUnits(string amount, string currency, long minor)
    {
        var form = new TerminalForm { Amount = amount, CurrencyCode = currency };

        Assert.Empty(form.Problems);
        Assert.Equal(new Money(minor, Currency.From(currency)), form.ToMoney());
    }

    [Theory]
    [InlineData("", "USD", "Enter the amount.")]
    [InlineData("10.005", "USD", "USD has 2 decimal places at most.")]
    [InlineData("1.5", "JPY", "JPY has no minor units: enter a whole number.")]
    [InlineData("1.2345", "BHD", "BHD has 3 decimal places at most.")]
    [InlineData("0", "USD", "The amount must be greater than zero.")]
    [InlineData("0.00", "EUR", "The amount must be greater than zero.")]
    [InlineData("-5", "USD", "Enter the amount as digits")]
    [InlineData("1,000.00", "USD", "Enter the amount as digits")]
    [InlineData("12,50", "EUR", "Enter the amount as digits")]
    [InlineData("1e3", "USD", "Enter the amount as digits")]
    [InlineData("ten", "USD", "Enter the amount as digits")]
    [InlineData("99999999999999999999", "USD", "The amount is too large.")]
    public void AmountProblem_InvalidAmount_SaysWhyAndNothingCanBeSent(string amount, string currency, string problem)
    {
        var form = new TerminalForm { Amount = amount, CurrencyCode = currency };

        Assert.StartsWith(problem, form.AmountProblem, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => form.ToMoney());
        Assert.Null(form.ToMoneyOrNull());
    }

    [Fact]
    public void AmountProblem_SameTextInAnotherCurrency_IsJudgedByThatCurrencysDecimals()
    {
        var form = new TerminalForm { Amount = "10.5", CurrencyCode = "USD" };
        Assert.Null(form.AmountProblem);

        form.CurrencyCode = "JPY";

        Assert.NotNull(form.AmountProblem);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("  ", true)]
    [InlineData("customer@example.com", true)]
    [InlineData(" customer@example.com ", true)]
    [InlineData("customer", false)]
    [InlineData("Customer <customer@example.com>", false)]
    public void EmailProblem_OptionalButValidWhenGiven(string? email, bool valid)
    {
        Assert.Equal(valid, TerminalForm.EmailProblemOf(email) is null);
    }

    [Fact]
    public void ToPayment_BlankOptionalFields_AreSentAsNothingAndTextIsTrimmed()
    {
        var form = new TerminalForm { Amount = "5", CurrencyCode = "GBP", Description = "  Table 4  ", CustomerEmail = " " };

        var payment = form.ToPayment("vt_key", new PaymentToken(GatewayKind.Stripe, "pm_card_visa"));

        Assert.Equal(("vt_key", new Money(500, Currency.Gbp), "Table 4", (string?)null), (payment.IdempotencyKey, payment.Amount, payment.Description, payment.CustomerEmail));
    }

    [Fact]
    public void DescriptionProblem_TooLong_IsReported()
    {
        Assert.NotNull(TerminalForm.DescriptionProblemOf(new string('x', 501)));
        Assert.Null(TerminalForm.DescriptionProblemOf(new string('x', 500)));
    }
}
