using System.Net;
using PaymentsPortal.Core.Banking.Plaid;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Tests.Unit.Banking.Plaid;

/// <summary>Plaid's major-unit JSON numbers become exact minor units, or a stated problem; never a rounded amount.</summary>
[Trait("Tier", "Unit")]
public sealed class PlaidMoneyTests
{
    [Theory]
    [InlineData("72.1", "USD", 7210)]
    [InlineData("0.29", "USD", 29)]
    [InlineData("-1500.75", "USD", -150075)]
    [InlineData("1500", "JPY", 1500)]
    [InlineData("1.250", "BHD", 1250)]
    [InlineData("92233720368547758.07", "USD", long.MaxValue)]
    public void Convert_AmountWithinTheCurrencysDecimals_ExactMinorUnits(string amount, string currency, long minor)
    {
        var converted = PlaidMoney.Convert(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), currency, null);

        Assert.True(converted.IsValid);
        Assert.Equal(new Money(minor, Currency.From(currency)), converted.Money);
    }

    [Theory]
    [InlineData("12.345", "USD", "more decimals")]
    [InlineData("12.5", "JPY", "more decimals")]
    [InlineData("1.0005", "BHD", "more decimals")]
    [InlineData("10", "XYZ", "not a supported ISO 4217")]
    [InlineData("92233720368547758.08", "USD", "too large")]
    public void Convert_UnrepresentableAmount_ProblemNotRounding(string amount, string currency, string problem)
    {
        var converted = PlaidMoney.Convert(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), currency, null);

        Assert.Null(converted.Money);
        Assert.Contains(problem, converted.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_UnofficialCurrencyOnly_Problem()
    {
        var converted = PlaidMoney.Convert(0.015m, null, "BTC");

        Assert.False(converted.IsValid);
        Assert.Contains("unofficial currency 'BTC'", converted.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_NoAmount_NeitherMoneyNorProblem()
    {
        var converted = PlaidMoney.Convert(null, "USD", null);

        Assert.True(converted.IsValid);
        Assert.Null(converted.Money);
    }

    [Fact]
    public async Task GetBalancesAsync_JsonNumbers_ReadAsDecimalsAndConvertedExactly()
    {
        // 0.29 and 1234567.89 are inexact as doubles (0.29 * 100 is 28.999999999999996): a double on the way would show.
        const string reply = """
            {"accounts":[
              {"account_id":"a1","balances":{"available":0.29,"current":1234567.89,"limit":null,"iso_currency_code":"USD","unofficial_currency_code":null},
               "mask":"0000","name":"Checking","official_name":null,"type":"depository","subtype":"checking"},
              {"account_id":"a2","balances":{"available":null,"current":150000,"limit":null,"iso_currency_code":"JPY","unofficial_currency_code":null},
               "mask":"1111","name":"Futsu","official_name":null,"type":"depository","subtype":"savings"},
              {"account_id":"a3","balances":{"available":10.005,"current":10.005,"limit":null,"iso_currency_code":"USD","unofficial_currency_code":null},
               "mask":"2222","name":"Odd","official_name":null,"type":"depository","subtype":"checking"}],
             "item":{"item_id":"i1","institution_id":"ins_3","webhook":null,"error":null,"available_products":[],"billed_products":[],
                     "consent_expiration_time":null,"update_type":"background"},
             "request_id":"r1"}
            """;
        using var host = new PlaidTestHost(new PlaidStubHandler().Reply("/accounts/balance/get", HttpStatusCode.OK, reply));

        var result = await host.Client.GetBalancesAsync(PlaidTestHost.AccessToken, null, CancellationToken.None);

        var accounts = result.Value!.Accounts;
        Assert.Equal(new Money(29, Currency.Usd), accounts[0].Balances.GetAvailable().Money);
        Assert.Equal(new Money(123456789, Currency.Usd), accounts[0].Balances.GetCurrent().Money);
        Assert.Null(accounts[1].Balances.GetAvailable().Money);
        Assert.Equal(new Money(150000, Currency.Jpy), accounts[1].Balances.GetCurrent().Money);
        Assert.False(accounts[2].Balances.GetCurrent().IsValid);
        Assert.Equal(10.005m, accounts[2].Balances.Current);
    }
}
