using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;
using static PaymentsPortal.Tests.Integration.Gateways.Braintree.BraintreeSandbox;

namespace PaymentsPortal.Tests.Integration.Gateways.Braintree;

/// <summary>
/// Braintree amounts are decimal strings in the merchant account's currency; these check that every minor unit
/// survives the trip out and back, for currencies with zero and three decimals.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class BraintreeGatewayCurrencyTests
{
    [Theory]
    [InlineData("JPY", "portal_jpy", 15000, "15000")]
    [InlineData("BHD", "portal_bhd", 1250, "1.250")]
    [InlineData("BHD", "portal_bhd", 7, "0.007")]
    [InlineData("USD", "portal_usd", 1, "0.01")]
    public async Task AuthorizeAsync_CurrencyDecimals_AmountRoundTripsExactly(string code, string merchantAccount, long minorUnits, string sentAs)
    {
        await using var sandbox = await StartAsync();
        var gateway = sandbox.Gateway(merchantAccountId: merchantAccount);
        var amount = new Money(minorUnits, Currency.From(code));
        var request = Charge(amount);

        var result = await gateway.AuthorizeAsync(request, CancellationToken.None);
        var lookup = await gateway.LookupAsync(request.AttemptId, CancellationToken.None);

        Assert.Equal(GatewayOutcome.Succeeded, result.Outcome);
        Assert.Equal(amount, lookup.Amount);
        var charge = Assert.Single(sandbox.Simulator.ChargesFor(request.AttemptId));
        Assert.Equal(amount, charge.Amount);
        Assert.Equal(sentAs, charge.Amount.ToMajorString());
    }

    [Fact]
    public async Task AuthorizeAsync_AccountsPerCurrency_EachPaymentSettlesInItsOwnCurrency()
    {
        await using var sandbox = await StartAsync();
        var gateway = sandbox.Gateway(merchantAccountId: "USD=portal_usd, JPY=portal_jpy");
        var yen = Charge(new Money(15000, Currency.Jpy));
        var dollars = Charge(Usd(15000));

        Assert.Equal(GatewayOutcome.Succeeded, (await gateway.AuthorizeAsync(yen, CancellationToken.None)).Outcome);
        Assert.Equal(GatewayOutcome.Succeeded, (await gateway.AuthorizeAsync(dollars, CancellationToken.None)).Outcome);

        Assert.Equal(new Money(15000, Currency.Jpy), Assert.Single(sandbox.Simulator.ChargesFor(yen.AttemptId)).Amount);
        Assert.Equal(Usd(15000), Assert.Single(sandbox.Simulator.ChargesFor(dollars.AttemptId)).Amount);
    }

    [Fact]
    public async Task AuthorizeAsync_CurrencyWithNoAccount_IsNeverSent()
    {
        await using var sandbox = await StartAsync();
        var gateway = sandbox.Gateway(merchantAccountId: "USD=portal_usd");
        var request = Charge(new Money(15000, Currency.Jpy));

        Assert.False(gateway.CanSettle(Currency.Jpy));
        var result = await gateway.AuthorizeAsync(request, CancellationToken.None);

        Assert.Equal((GatewayOutcome.NotSent, "currency_not_supported"), (result.Outcome, result.Code));
        Assert.Equal(0, sandbox.Simulator.RequestsReceived);
    }

    [Fact]
    public async Task RefundAsync_ThreeDecimalCurrency_RefundsTheExactFils()
    {
        await using var sandbox = await StartAsync();
        var gateway = sandbox.Gateway(merchantAccountId: "portal_bhd");
        var charged = await gateway.AuthorizeAsync(Charge(new Money(10_005, Currency.Bhd)), CancellationToken.None);
        sandbox.Simulator.Settle(charged.GatewayReference!);

        var refund = await gateway.RefundAsync(new RefundRequest(Guid.NewGuid(), charged.GatewayReference!, new Money(3_333, Currency.Bhd), null), CancellationToken.None);

        Assert.Equal(GatewayOutcome.Succeeded, refund.Outcome);
        Assert.Equal(new Money(6_672, Currency.Bhd), sandbox.Simulator.Find(charged.GatewayReference!)!.NetCharged);
    }

    [Fact]
    public async Task AuthorizeAsync_MerchantAccountInAnotherCurrency_UnknownWithReferenceForReview()
    {
        // The yen amount "15000" sent to a dollar account is charged as 15000 USD: Braintree takes the currency from
        // the merchant account, not from the request. The adapter must not call that a success.
        await using var sandbox = await StartAsync();
        var request = Charge(new Money(15000, Currency.Jpy));

        var result = await sandbox.Gateway(merchantAccountId: "portal_usd").AuthorizeAsync(request, CancellationToken.None);

        Assert.Equal(GatewayOutcome.Unknown, result.Outcome);
        Assert.Equal("amount_mismatch", result.Code);
        Assert.Equal(Assert.Single(sandbox.Simulator.ChargesFor(request.AttemptId)).Id, result.GatewayReference);
    }

    [Fact]
    public async Task AuthorizeAsync_MoreDecimalsThanTheAccountCurrency_DeclinedValidation()
    {
        // A two-decimal amount cannot be expressed in yen; the portal's Money forbids it, Braintree refuses it too.
        await using var sandbox = await StartAsync();
        var request = Charge(Usd(1234));

        var result = await sandbox.Gateway(merchantAccountId: "portal_jpy").AuthorizeAsync(request, CancellationToken.None);

        Assert.Equal(GatewayOutcome.Declined, result.Outcome);
        Assert.Equal("validation/81503", result.Code);
        Assert.Empty(sandbox.Simulator.ChargesFor(request.AttemptId));
    }
}
