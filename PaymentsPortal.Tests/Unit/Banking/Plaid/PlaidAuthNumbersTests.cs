using System.Net;
using System.Text.Json;
using PaymentsPortal.Core.Banking.Plaid;

namespace PaymentsPortal.Tests.Unit.Banking.Plaid;

/// <summary>The full bank account number from /auth/get never survives reading.</summary>
[Trait("Tier", "Unit")]
public sealed class PlaidAuthNumbersTests
{
    private const string FullNumber = "9900009606";

    private const string Reply = """
        {"accounts":[{"account_id":"vzeNDwK7KQIm4yEog683uElbp9GRLEFXGK98D","balances":{"available":100,"current":110,"limit":null,
           "iso_currency_code":"USD","unofficial_currency_code":null},"mask":"9606","name":"Plaid Checking","official_name":"Plaid Gold Checking",
           "subtype":"checking","type":"depository","verification_status":"automatically_verified"}],
         "numbers":{"ach":[{"account":"9900009606","account_id":"vzeNDwK7KQIm4yEog683uElbp9GRLEFXGK98D","routing":"011401533",
           "wire_routing":"021000021","is_tokenized_account_number":false}],"eft":[],"international":[],"bacs":[]},
         "item":{"available_products":["balance"],"billed_products":["auth"],"consent_expiration_time":null,"error":null,
           "institution_id":"ins_117650","institution_name":"Royal Bank of Plaid","item_id":"DWVAAPWq4RHGlEaNyGKRTAnPLaEmo8Cvq7na6",
           "update_type":"background","webhook":"https://www.genericwebhookurl.com/webhook","auth_method":"INSTANT_AUTH"},
         "request_id":"m8MDnv9okwxFNBV"}
        """;

    [Fact]
    public async Task GetAuthAsync_AchNumbers_KeepsRoutingAndOnlyTheLastFourDigits()
    {
        using var host = new PlaidTestHost(new PlaidStubHandler().Reply("/auth/get", HttpStatusCode.OK, Reply));

        var result = await host.Client.GetAuthAsync(PlaidTestHost.AccessToken, null, CancellationToken.None);

        var ach = Assert.Single(result.Value!.Numbers.Ach);
        Assert.Equal("011401533", ach.Routing);
        Assert.Equal("9606", ach.Account.Last4);
        Assert.Equal("automatically_verified", result.Value.Accounts[0].VerificationStatus);

        Assert.DoesNotContain(FullNumber, result.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(FullNumber, ach.ToString(), StringComparison.Ordinal);
        Assert.Contains("****9606", ach.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(FullNumber, JsonSerializer.Serialize(result.Value), StringComparison.Ordinal);
        Assert.DoesNotContain(FullNumber, host.AllLogText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"12\"", "12")]
    [InlineData("\"0012345678901234\"", "1234")]
    public void MaskedAccountNumber_Read_KeepsAtMostFour(string json, string last4) =>
        Assert.Equal(last4, JsonSerializer.Deserialize<PlaidMaskedAccountNumber>(json).Last4);

    [Theory]
    [InlineData("12345678")]
    [InlineData("\"12345678901234567890123456789012345678901234567890123456789012345\"")]
    public void MaskedAccountNumber_NotAPlausibleNumber_Unreadable(string json)
    {
        var thrown = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<PlaidMaskedAccountNumber>(json));

        Assert.DoesNotContain("12345678", thrown.Message, StringComparison.Ordinal);
    }
}
