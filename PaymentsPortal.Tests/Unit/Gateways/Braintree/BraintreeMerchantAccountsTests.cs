using PaymentsPortal.Core.Gateways.Braintree;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Tests.Unit.Gateways.Braintree;

public sealed class BraintreeMerchantAccountsTests
{
    [Fact]
    public void PerCurrency_SendsEachCurrencyToItsAccountAndRefusesTheRest()
    {
        var accounts = BraintreeMerchantAccounts.Parse(" usd = acme_usd , JPY=acme-jpy ");

        Assert.Equal(("acme_usd", "acme-jpy"), (accounts.For(Currency.Usd), accounts.For(Currency.Jpy)));
        Assert.True(accounts.Settles(Currency.Jpy));
        Assert.False(accounts.Settles(Currency.Bhd));
        Assert.Null(accounts.For(Currency.Bhd));
        Assert.Equal("JPY=acme-jpy, USD=acme_usd", accounts.ToString());
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("  ", null)]
    [InlineData("acme_usd", "acme_usd")]
    public void DefaultOrSingleAccount_TakesEveryCurrency(string? text, string? sent)
    {
        var accounts = BraintreeMerchantAccounts.Parse(text);

        Assert.False(accounts.IsPerCurrency);
        Assert.True(accounts.Settles(Currency.Bhd));
        Assert.Equal(sent, accounts.For(Currency.Bhd));
    }

    [Theory]
    [InlineData("USD=acme_usd, USD=acme_other", "USD is listed twice")]
    [InlineData("XXY=acme", "\"XXY\" is not an ISO 4217 currency code")]
    [InlineData("USD=", "\"\" is not a Braintree merchant account id")]
    [InlineData("USD=acme usd", "\"acme usd\" is not a Braintree merchant account id")]
    [InlineData("USD=a=b", "\"USD=a=b\" is not CURRENCY=account")]
    [InlineData("acme;drop", "\"acme;drop\" is not a Braintree merchant account id")]
    public void Malformed_SaysWhatIsWrong(string text, string problemStart)
    {
        Assert.False(BraintreeMerchantAccounts.TryParse(text, out _, out var problem));
        Assert.StartsWith(problemStart, problem, StringComparison.Ordinal);
    }
}
