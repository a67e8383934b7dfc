using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Refunds;

namespace PaymentsPortal.Tests.Integration.Payments.Refunds;

/// <summary>Refunds up to what remains, through the gateway that captured the payment, each step audited.</summary>
[Trait("Tier", "Integration")]
public sealed class RefundRequestsTests : IAsyncLifetime
{
    private RefundTestBed bed = default!;

    public async Task InitializeAsync() => bed = await RefundTestBed.StartAsync();

    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task Request_UnderTheThreshold_IsRefundedAtOnceAndThePaymentIsPartiallyRefunded()
    {
        var paymentId = await bed.CapturedPaymentAsync(150_00);

        var result = await bed.RequestAsync("support@demo.local", paymentId, 40_00);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(RefundStatus.Succeeded, result.Value!.Status);
        var refund = await bed.RefundAsync(result.Value.RefundId);
        var call = Assert.Single(bed.Stripe.RefundCalls);
        Assert.Equal((refund.Id, refund.ChargeReference, 40_00L), (call.RefundId, call.GatewayReference, call.Amount.MinorUnits));
        Assert.Equal("re_" + refund.Id.ToString("N"), refund.GatewayRefundReference);
        var payment = await bed.PaymentAsync(paymentId);
        Assert.Equal((PaymentStatus.PartiallyRefunded, 40_00L), (payment.Status, payment.RefundedMinor));
        Assert.Equal([(AuditAction.RefundRequested, AuditOutcome.Success), (AuditAction.RefundSucceeded, AuditOutcome.Success)],
            await bed.RefundAuditAsync(refund.Id));
    }

    [Fact]
    public async Task Request_TheRestAfterAPartialRefund_RefundsThePaymentInFull()
    {
        var paymentId = await bed.CapturedPaymentAsync(90_00);
        Assert.True((await bed.RequestAsync("support@demo.local", paymentId, 30_00)).Succeeded);

        var rest = await bed.RequestAsync("support@demo.local", paymentId, 60_00);

        Assert.Equal(RefundStatus.Succeeded, rest.Value!.Status);
        var payment = await bed.PaymentAsync(paymentId);
        Assert.Equal((PaymentStatus.Refunded, 90_00L), (payment.Status, payment.RefundedMinor));
    }

    [Fact]
    public async Task Request_MoreThanRemains_IsRefusedAndNothingIsSent()
    {
        var paymentId = await bed.CapturedPaymentAsync(50_00);
        Assert.True((await bed.RequestAsync("support@demo.local", paymentId, 20_00)).Succeeded);

        var result = await bed.RequestAsync("support@demo.local", paymentId, 30_01);

        Assert.False(result.Succeeded);
        Assert.Contains("30.00 USD", result.Error, StringComparison.Ordinal);
        Assert.Single(bed.Stripe.RefundCalls);
    }

    [Fact]
    public async Task Request_InAnotherCurrencyThanThePayment_IsRefused()
    {
        var paymentId = await bed.CapturedPaymentAsync(50_00);

        var result = await bed.RequestAsync("support@demo.local", paymentId, 10_00, "EUR");

        Assert.False(result.Succeeded);
        Assert.Empty(bed.Stripe.RefundCalls);
    }

    [Fact]
    public async Task Request_ZeroDecimalCurrency_UsesWholeYen()
    {
        var paymentId = await bed.CapturedPaymentAsync(12_000, "JPY");

        var result = await bed.RequestAsync("support@demo.local", paymentId, 12_000, "JPY");

        Assert.Equal(RefundStatus.Succeeded, result.Value!.Status);
        Assert.Equal(12_000L, Assert.Single(bed.Stripe.RefundCalls).Amount.MinorUnits);
        Assert.Equal(PaymentStatus.Refunded, (await bed.PaymentAsync(paymentId)).Status);
    }

    [Fact]
    public async Task Request_SameKeyTwice_MakesOneRefundAndReplaysIt()
    {
        var paymentId = await bed.CapturedPaymentAsync(80_00);
        var key = Guid.NewGuid().ToString();

        var first = await bed.RequestAsync("support@demo.local", paymentId, 10_00, key: key);
        var second = await bed.RequestAsync("support@demo.local", paymentId, 10_00, key: key);
        var different = await bed.RequestAsync("support@demo.local", paymentId, 11_00, key: key);

        Assert.Equal(first.Value!.RefundId, second.Value!.RefundId);
        Assert.True(second.Value.Replayed);
        Assert.False(different.Succeeded);
        Assert.Single(bed.Stripe.RefundCalls);
        Assert.Equal(10_00L, (await bed.PaymentAsync(paymentId)).RefundedMinor);
    }

    [Fact]
    public async Task Request_TwoAtOnceForTheWholeAmount_OnlyOneIsAccepted()
    {
        var paymentId = await bed.CapturedPaymentAsync(70_00);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => bed.RequestAsync("support@demo.local", paymentId, 70_00)));

        Assert.Equal(1, results.Count(r => r.Succeeded));
        Assert.Single(bed.Stripe.RefundCalls);
        Assert.Equal((PaymentStatus.Refunded, 70_00L), ((await bed.PaymentAsync(paymentId)).Status, (await bed.PaymentAsync(paymentId)).RefundedMinor));
    }

    [Fact]
    public async Task Request_GatewayDeclines_FailsAndTheAmountCanBeRefundedAgain()
    {
        var paymentId = await bed.CapturedPaymentAsync(60_00);
        bed.Stripe.RefundAnswer = _ => GatewayResult.Declined("charge_disputed", "The charge is disputed.", retryableElsewhere: false);

        var declined = await bed.RequestAsync("support@demo.local", paymentId, 60_00);
        bed.Stripe.RefundAnswer = request => GatewayResult.Succeeded("re_ok");
        var again = await bed.RequestAsync("support@demo.local", paymentId, 60_00);

        Assert.Equal(RefundStatus.Failed, declined.Value!.Status);
        Assert.Contains("disputed", declined.Value.Message, StringComparison.Ordinal);
        Assert.Equal([(AuditAction.RefundRequested, AuditOutcome.Success), (AuditAction.RefundFailed, AuditOutcome.Failure)],
            await bed.RefundAuditAsync(declined.Value.RefundId));
        Assert.Equal(RefundStatus.Succeeded, again.Value!.Status);
        Assert.Equal(PaymentStatus.Refunded, (await bed.PaymentAsync(paymentId)).Status);
    }

    [Fact]
    public async Task Request_PaymentNotCaptured_IsRefused()
    {
        bed.Stripe.Answer = _ => Task.FromResult(GatewayResult.Declined("card_declined", "Declined.", retryableElsewhere: false));
        var result = await bed.Host.Service<Core.Gateways.Routing.PaymentRouter>().PayAsync(new Core.Gateways.Routing.PayCommand(
            bed.MerchantId, Guid.NewGuid().ToString(), new Money(10_00, Currency.Usd), new PaymentToken(GatewayKind.Stripe, "pm_card_chargeDeclined"), true,
            null, null, null, AuditActor.System("test"), null));

        var refund = await bed.RequestAsync("support@demo.local", result.PaymentId!.Value, 10_00);

        Assert.False(refund.Succeeded);
        Assert.Contains("Failed", refund.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("viewer@demo.local")]
    [InlineData("operator@demo.local")]
    [InlineData("compliance@demo.local")]
    public async Task Request_RoleWithoutRefunds_IsRefused(string email)
    {
        var paymentId = await bed.CapturedPaymentAsync(20_00);

        var result = await bed.RequestAsync(email, paymentId, 5_00);

        Assert.False(result.Succeeded);
        Assert.Empty(bed.Stripe.RefundCalls);
    }

    [Fact]
    public async Task Request_AnotherMerchantsPayment_IsNotFound()
    {
        var paymentId = await bed.CapturedPaymentAsync(20_00);
        var northwindAdmin = await bed.Host.ResolveAsync(RefundTestBed.SecondAdminEmail, await bed.Host.MerchantIdAsync(Core.Demo.DemoData.Northwind));

        var result = await bed.Host.Service<RefundRequests>().RequestAsync(northwindAdmin,
            new NewRefund(paymentId, new Money(5_00, Currency.Usd), "Wrong merchant", Guid.NewGuid().ToString()));

        Assert.Equal((false, "No such payment."), (result.Succeeded, result.Error));
        Assert.Empty(bed.Stripe.RefundCalls);
    }
}
