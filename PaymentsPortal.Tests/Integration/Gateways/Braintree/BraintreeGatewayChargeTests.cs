using PaymentsPortal.Core.Gateways;
using static PaymentsPortal.Tests.Integration.Gateways.Braintree.BraintreeSandbox;

namespace PaymentsPortal.Tests.Integration.Gateways.Braintree;

[Trait("Tier", "Integration")]
public sealed class BraintreeGatewayChargeTests
{
    [Fact]
    public async Task AuthorizeAsync_CaptureWithValidNonce_SucceedsSubmittedForSettlementWithCard()
    {
        await using var sandbox = await StartAsync();
        var request = Charge(Usd(1234));

        var result = await sandbox.Gateway().AuthorizeAsync(request, CancellationToken.None);

        Assert.Equal(GatewayOutcome.Succeeded, result.Outcome);
        Assert.Equal("SUBMITTED_FOR_SETTLEMENT", result.Status);
        Assert.Equal(new CardSummary("visa", "1111", 12, 2030), result.Card);
        var charge = Assert.Single(sandbox.Simulator.ChargesFor(request.AttemptId));
        Assert.Equal(result.GatewayReference, charge.Id);
        Assert.Equal(Usd(1234), charge.Amount);
        Assert.Equal("portal_usd", charge.MerchantAccountId);
    }

    [Fact]
    public async Task AuthorizeAsync_AuthorizeOnlyThenCapture_HoldsThenCaptures()
    {
        await using var sandbox = await StartAsync();
        var gateway = sandbox.Gateway();
        var request = Charge(Usd(5000), "fake-valid-mastercard-nonce", capture: false);

        var authorized = await gateway.AuthorizeAsync(request, CancellationToken.None);
        var captured = await gateway.CaptureAsync(new CaptureRequest(Guid.NewGuid(), authorized.GatewayReference!, Usd(4500)), CancellationToken.None);

        Assert.Equal(GatewayOutcome.Succeeded, authorized.Outcome);
        Assert.Equal("AUTHORIZED", authorized.Status);
        Assert.Equal("mastercard", authorized.Card?.Brand);
        Assert.Equal(GatewayOutcome.Succeeded, captured.Outcome);
        Assert.Equal("SUBMITTED_FOR_SETTLEMENT", captured.Status);
        Assert.Equal(authorized.GatewayReference, captured.GatewayReference);
        Assert.Equal(Usd(4500), sandbox.Simulator.Find(captured.GatewayReference!)!.Amount);
    }

    [Fact]
    public async Task AuthorizeAsync_InsufficientFundsAmount_DeclinedWith2001NotRetryable()
    {
        await using var sandbox = await StartAsync();
        var request = Charge(Usd(200100));

        var result = await sandbox.Gateway().AuthorizeAsync(request, CancellationToken.None);

        Assert.Equal(GatewayOutcome.Declined, result.Outcome);
        Assert.Equal("processor_declined/2001", result.Code);
        Assert.False(result.RetryableElsewhere);
        Assert.Contains("Insufficient Funds", result.Message, StringComparison.Ordinal);
        Assert.Equal("PROCESSOR_DECLINED", result.Status);
        Assert.False(Assert.Single(sandbox.Simulator.ChargesFor(request.AttemptId)).HoldsOrTookMoney);
    }

    [Fact]
    public async Task AuthorizeAsync_ProcessorDeclinedNonce_Declined2000NotRetryable()
    {
        await using var sandbox = await StartAsync();

        var result = await sandbox.Gateway().AuthorizeAsync(Charge(Usd(1000), "fake-processor-declined-visa-nonce"), CancellationToken.None);

        Assert.Equal(GatewayOutcome.Declined, result.Outcome);
        Assert.Equal("processor_declined/2000", result.Code);
        Assert.False(result.RetryableElsewhere);
    }

    [Fact]
    public async Task AuthorizeAsync_ProcessorUnreachable_DeclinedRetryableElsewhere()
    {
        await using var sandbox = await StartAsync();

        var result = await sandbox.Gateway().AuthorizeAsync(Charge(Usd(1000), "fake-processor-failure-visa-nonce"), CancellationToken.None);

        Assert.Equal(GatewayOutcome.Declined, result.Outcome);
        Assert.Equal("failed/3000", result.Code);
        Assert.True(result.RetryableElsewhere);
    }

    [Fact]
    public async Task AuthorizeAsync_GatewayRejectedForFraud_DeclinedNotRetryable()
    {
        await using var sandbox = await StartAsync();

        var result = await sandbox.Gateway().AuthorizeAsync(Charge(Usd(1000), "fake-gateway-rejected-fraud-valid-nonce"), CancellationToken.None);

        Assert.Equal(GatewayOutcome.Declined, result.Outcome);
        Assert.Equal("gateway_rejected/fraud", result.Code);
        Assert.False(result.RetryableElsewhere);
    }

    [Fact]
    public async Task AuthorizeAsync_ConsumedNonce_DeclinedValidationNothingCharged()
    {
        await using var sandbox = await StartAsync();
        var request = Charge(Usd(1000), "fake-consumed-nonce");

        var result = await sandbox.Gateway().AuthorizeAsync(request, CancellationToken.None);

        Assert.Equal(GatewayOutcome.Declined, result.Outcome);
        Assert.Equal("validation/93107", result.Code);
        Assert.False(result.RetryableElsewhere);
        Assert.Empty(sandbox.Simulator.ChargesFor(request.AttemptId));
    }

    [Fact]
    public async Task AuthorizeAsync_WrongPrivateKey_NotSentAuthenticationWithoutTheKeyInTheMessage()
    {
        await using var sandbox = await StartAsync();
        const string wrongPrivateKey = "not-the-private-key-0123456789";
        var request = Charge(Usd(1000));

        var result = await sandbox.Gateway(secret: sandbox.Simulator.Options.PublicKey + ":" + wrongPrivateKey).AuthorizeAsync(request, CancellationToken.None);

        Assert.Equal(GatewayOutcome.NotSent, result.Outcome);
        Assert.Equal("authentication", result.Code);
        Assert.DoesNotContain(wrongPrivateKey, result.Message, StringComparison.Ordinal);
        Assert.Empty(sandbox.Simulator.ChargesFor(request.AttemptId));
    }

    [Fact]
    public async Task AuthorizeAsync_StripeToken_NotSentWithoutCallingBraintree()
    {
        await using var sandbox = await StartAsync();
        var gateway = sandbox.Gateway();
        var request = Charge(Usd(1000)) with { Token = new PaymentToken(GatewayKind.Stripe, "pm_card_visa") };

        var result = await gateway.AuthorizeAsync(request, CancellationToken.None);

        Assert.False(gateway.CanCharge(request.Token));
        Assert.Equal(GatewayOutcome.NotSent, result.Outcome);
        Assert.Equal(0, sandbox.Simulator.RequestsReceived);
    }
}
