using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Sandbox.Stripe;

namespace PaymentsPortal.Tests.Integration.Gateways.Stripe;

/// <summary>The real Stripe adapter against the simulator: the happy paths, declines and 3-D Secure.</summary>
[Trait("Tier", "Integration")]
public sealed class StripeGatewayPaymentTests : IAsyncLifetime
{
    private StripeSandbox sandbox = null!;

    public async Task InitializeAsync() => sandbox = await StripeSandbox.StartAsync();

    public async Task DisposeAsync() => await sandbox.DisposeAsync();

    [Fact]
    public async Task AuthorizeAsync_VisaWithCapture_SucceedsAndTakesTheMoneyOnce()
    {
        var request = StripeSandbox.Authorize(StripeTestCards.Visa, StripeSandbox.Usd(1999));

        var result = await sandbox.Gateway.AuthorizeAsync(request, CancellationToken.None);

        Assert.Equal(GatewayOutcome.Succeeded, result.Outcome);
        Assert.Equal("succeeded", result.Status);
        Assert.StartsWith("pi_", result.GatewayReference, StringComparison.Ordinal);
        Assert.Equal(new CardSummary("visa", "4242", 12, DateTimeOffset.UtcNow.Year + 3), result.Card);
        var charge = Assert.Single(sandbox.Simulator.ChargesFor(request.AttemptId));
        Assert.True(charge.Succeeded && charge.Captured);
        Assert.Equal(1999, sandbox.Simulator.NetCapturedFor(request.AttemptId));
    }

    [Fact]
    public async Task CaptureAsync_AfterManualAuthorization_CapturesThePartAskedFor()
    {
        var request = StripeSandbox.Authorize(StripeTestCards.Mastercard, StripeSandbox.Usd(5000), capture: false);

        var authorized = await sandbox.Gateway.AuthorizeAsync(request, CancellationToken.None);
        var held = await sandbox.Gateway.LookupAsync(request.AttemptId, CancellationToken.None);
        var captured = await sandbox.Gateway.CaptureAsync(new CaptureRequest(Guid.NewGuid(), authorized.GatewayReference!, StripeSandbox.Usd(4200)), CancellationToken.None);
        var after = await sandbox.Gateway.LookupAsync(request.AttemptId, CancellationToken.None);

        Assert.Equal(("requires_capture", GatewayOutcome.Succeeded), (authorized.Status, authorized.Outcome));
        Assert.Equal(GatewayChargeState.Authorized, held.State);
        Assert.Equal(StripeSandbox.Usd(5000), held.Amount);
        Assert.Equal(GatewayOutcome.Succeeded, captured.Outcome);
        Assert.Equal(GatewayChargeState.Captured, after.State);
        Assert.Equal(StripeSandbox.Usd(4200), after.Amount);
        Assert.Equal(4200, sandbox.Simulator.NetCapturedFor(request.AttemptId));
    }

    [Fact]
    public async Task VoidAsync_AuthorizedCharge_ReleasesTheHold()
    {
        var request = StripeSandbox.Authorize(StripeTestCards.Visa, StripeSandbox.Usd(3000), capture: false);
        var authorized = await sandbox.Gateway.AuthorizeAsync(request, CancellationToken.None);

        var voided = await sandbox.Gateway.VoidAsync(new VoidRequest(Guid.NewGuid(), authorized.GatewayReference!), CancellationToken.None);
        var lookup = await sandbox.Gateway.LookupAsync(request.AttemptId, CancellationToken.None);

        Assert.Equal((GatewayOutcome.Succeeded, "canceled"), (voided.Outcome, voided.Status));
        Assert.Equal(GatewayChargeState.Voided, lookup.State);
        var charge = Assert.Single(sandbox.Simulator.ChargesFor(request.AttemptId));
        Assert.True(charge.AuthorizationReleased);
        Assert.False(charge.HoldsAuthorization);
        Assert.Equal(0, sandbox.Simulator.NetCapturedFor(request.AttemptId));
    }

    [Fact]
    public async Task RefundAsync_PartialThenRest_EndsRefunded()
    {
        var request = StripeSandbox.Authorize(StripeTestCards.Visa, StripeSandbox.Usd(10_000));
        var paid = await sandbox.Gateway.AuthorizeAsync(request, CancellationToken.None);

        var partial = await sandbox.Gateway.RefundAsync(new RefundRequest(Guid.NewGuid(), paid.GatewayReference!, StripeSandbox.Usd(2500), "Damaged item"), CancellationToken.None);
        var afterPartial = await sandbox.Gateway.LookupAsync(request.AttemptId, CancellationToken.None);
        var rest = await sandbox.Gateway.RefundAsync(new RefundRequest(Guid.NewGuid(), paid.GatewayReference!, StripeSandbox.Usd(7500), "requested_by_customer"), CancellationToken.None);
        var afterRest = await sandbox.Gateway.LookupAsync(request.AttemptId, CancellationToken.None);
        var tooMuch = await sandbox.Gateway.RefundAsync(new RefundRequest(Guid.NewGuid(), paid.GatewayReference!, StripeSandbox.Usd(1), null), CancellationToken.None);

        Assert.Equal(GatewayOutcome.Succeeded, partial.Outcome);
        Assert.StartsWith("re_", partial.GatewayReference, StringComparison.Ordinal);
        Assert.Equal(GatewayChargeState.Captured, afterPartial.State);
        Assert.Equal(GatewayOutcome.Succeeded, rest.Outcome);
        Assert.Equal(GatewayChargeState.Refunded, afterRest.State);
        Assert.Equal((GatewayOutcome.Declined, "charge_already_refunded", false), (tooMuch.Outcome, tooMuch.Code, tooMuch.RetryableElsewhere));
        Assert.Equal(0, sandbox.Simulator.NetCapturedFor(request.AttemptId));
    }

    [Fact]
    public async Task AuthorizeAsync_InsufficientFunds_IsDeclinedNotRetryable()
    {
        var request = StripeSandbox.Authorize(StripeTestCards.InsufficientFunds, StripeSandbox.Usd(1000));

        var result = await sandbox.Gateway.AuthorizeAsync(request, CancellationToken.None);
        var lookup = await sandbox.Gateway.LookupAsync(request.AttemptId, CancellationToken.None);

        Assert.Equal(GatewayOutcome.Declined, result.Outcome);
        Assert.Equal("card_declined/insufficient_funds", result.Code);
        Assert.Equal("Your card has insufficient funds.", result.Message);
        Assert.False(result.RetryableElsewhere);
        Assert.StartsWith("pi_", result.GatewayReference, StringComparison.Ordinal);
        Assert.Equal(GatewayChargeState.Failed, lookup.State);
        Assert.False(Assert.Single(sandbox.Simulator.ChargesFor(request.AttemptId)).Succeeded);
    }

    [Theory]
    [InlineData(StripeTestCards.ProcessingError, "processing_error", true)]
    [InlineData(StripeTestCards.Declined, "card_declined/generic_decline", false)]
    [InlineData(StripeTestCards.StolenCard, "card_declined/stolen_card", false)]
    [InlineData(StripeTestCards.ExpiredCard, "expired_card", false)]
    [InlineData(StripeTestCards.IncorrectCvc, "incorrect_cvc", false)]
    public async Task AuthorizeAsync_DecliningTestCards_AreClassified(string card, string code, bool retryable)
    {
        var result = await sandbox.Gateway.AuthorizeAsync(StripeSandbox.Authorize(card, StripeSandbox.Usd(1000)), CancellationToken.None);

        Assert.Equal((GatewayOutcome.Declined, code, retryable), (result.Outcome, result.Code, result.RetryableElsewhere));
    }

    [Fact]
    public async Task AuthorizeAsync_UnknownPaymentMethod_IsDeclinedResourceMissing()
    {
        var result = await sandbox.Gateway.AuthorizeAsync(StripeSandbox.Authorize("pm_does_not_exist", StripeSandbox.Usd(1000)), CancellationToken.None);

        Assert.Equal((GatewayOutcome.Declined, "resource_missing", false), (result.Outcome, result.Code, result.RetryableElsewhere));
    }

    [Fact]
    public async Task AuthorizeAsync_BraintreeToken_IsNotSentAndNeverReachesStripe()
    {
        var request = StripeSandbox.Authorize("fake-valid-nonce", StripeSandbox.Usd(1000)) with { Token = new PaymentToken(GatewayKind.Braintree, "fake-valid-nonce") };

        var result = await sandbox.Gateway.AuthorizeAsync(request, CancellationToken.None);

        Assert.False(sandbox.Gateway.CanCharge(request.Token));
        Assert.Equal(GatewayOutcome.NotSent, result.Outcome);
        Assert.False((await sandbox.Gateway.LookupAsync(request.AttemptId, CancellationToken.None)).Found);
    }

    [Fact]
    public async Task AuthorizeAsync_ThreeDSecure_RequiresActionThenCompletesAndIsCaptured()
    {
        var request = StripeSandbox.Authorize(StripeTestCards.ThreeDSecure2Required, StripeSandbox.Usd(2500));

        var result = await sandbox.Gateway.AuthorizeAsync(request, CancellationToken.None);
        var waiting = await sandbox.Gateway.LookupAsync(request.AttemptId, CancellationToken.None);
        var chargesWhileWaiting = sandbox.Simulator.ChargesFor(request.AttemptId);
        await sandbox.CompleteAuthenticationAsync(result.GatewayReference!, result.NextAction!, succeed: true);
        var done = await sandbox.Gateway.LookupAsync(request.AttemptId, CancellationToken.None);

        Assert.Equal((GatewayOutcome.RequiresAction, "requires_action"), (result.Outcome, result.Status));
        Assert.StartsWith(result.GatewayReference + "_secret_", result.NextAction, StringComparison.Ordinal);
        Assert.Equal(GatewayChargeState.RequiresAction, waiting.State);
        Assert.Empty(chargesWhileWaiting);
        Assert.Equal((GatewayChargeState.Captured, result.GatewayReference), (done.State, done.GatewayReference));
        Assert.Equal(2500, sandbox.Simulator.NetCapturedFor(request.AttemptId));
    }

    [Fact]
    public async Task AuthorizeAsync_ThreeDSecureFailed_LookupFindsItFailed()
    {
        var request = StripeSandbox.Authorize(StripeTestCards.AuthenticationRequired, StripeSandbox.Usd(2500), returnUrl: "https://portal.example/pay/return");

        var result = await sandbox.Gateway.AuthorizeAsync(request, CancellationToken.None);
        await sandbox.CompleteAuthenticationAsync(result.GatewayReference!, result.NextAction!, succeed: false);
        var lookup = await sandbox.Gateway.LookupAsync(request.AttemptId, CancellationToken.None);

        Assert.Equal(GatewayOutcome.RequiresAction, result.Outcome);
        Assert.Equal(GatewayChargeState.Failed, lookup.State);
        Assert.Empty(sandbox.Simulator.ChargesFor(request.AttemptId));
    }

    [Theory]
    [InlineData("JPY", 1500)]
    [InlineData("BHD", 12_340)]
    [InlineData("KRW", 99_999_999)]
    public async Task AuthorizeAsync_ZeroAndThreeDecimalCurrencies_PassMinorUnitsThroughExactly(string code, long minorUnits)
    {
        var amount = new Money(minorUnits, Currency.From(code));
        var request = StripeSandbox.Authorize(StripeTestCards.Visa, amount);

        var result = await sandbox.Gateway.AuthorizeAsync(request, CancellationToken.None);
        var lookup = await sandbox.Gateway.LookupAsync(request.AttemptId, CancellationToken.None);

        Assert.Equal(GatewayOutcome.Succeeded, result.Outcome);
        Assert.Equal(amount, lookup.Amount);
        var charge = Assert.Single(sandbox.Simulator.ChargesFor(request.AttemptId));
        Assert.Equal((minorUnits, code.ToLowerInvariant()), (charge.Amount, charge.Currency));
    }

    [Fact]
    public async Task AuthorizeAsync_ThreeDecimalAmountNotInTens_IsDeclinedByStripesRule()
    {
        var result = await sandbox.Gateway.AuthorizeAsync(StripeSandbox.Authorize(StripeTestCards.Visa, new Money(12_345, Currency.Bhd)), CancellationToken.None);

        Assert.Equal((GatewayOutcome.Declined, "invalid_charge_amount", false), (result.Outcome, result.Code, result.RetryableElsewhere));
    }

    [Fact]
    public async Task AuthorizeAsync_WrongSecretKey_IsRetryableDeclineThatNeverShowsTheKey()
    {
        const string liveKey = "sk_live_do_not_leak_me";
        var gateway = sandbox.GatewayWith(StripeSandbox.RelaxedTimeout, liveKey);

        var result = await gateway.AuthorizeAsync(StripeSandbox.Authorize(StripeTestCards.Visa, StripeSandbox.Usd(1000)), CancellationToken.None);

        Assert.Equal((GatewayOutcome.Declined, "authentication_error", true), (result.Outcome, result.Code, result.RetryableElsewhere));
        Assert.DoesNotContain("do_not_leak", result.ToString(), StringComparison.Ordinal);
    }
}
