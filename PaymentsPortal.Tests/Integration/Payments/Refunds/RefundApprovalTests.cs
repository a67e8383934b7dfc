using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Refunds;

namespace PaymentsPortal.Tests.Integration.Payments.Refunds;

/// <summary>Above the threshold a refund waits, holds its amount, and goes out only when another Admin approves.</summary>
[Trait("Tier", "Integration")]
public sealed class RefundApprovalTests : IAsyncLifetime
{
    private RefundTestBed bed = default!;

    public async Task InitializeAsync() => bed = await RefundTestBed.StartAsync();

    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task Request_AboveTheThreshold_WaitsForApprovalAndSendsNothing()
    {
        var paymentId = await bed.CapturedPaymentAsync(500_00);

        var result = await bed.RequestAsync("support@demo.local", paymentId, 100_01);

        Assert.Equal(RefundStatus.PendingApproval, result.Value!.Status);
        Assert.Empty(bed.Stripe.RefundCalls);
        Assert.Equal(PaymentStatus.Succeeded, (await bed.PaymentAsync(paymentId)).Status);
    }

    [Fact]
    public async Task Request_AtTheThresholdExactly_GoesStraightThrough()
    {
        var paymentId = await bed.CapturedPaymentAsync(500_00);

        var result = await bed.RequestAsync("support@demo.local", paymentId, 100_00);

        Assert.Equal(RefundStatus.Succeeded, result.Value!.Status);
    }

    [Fact]
    public async Task Request_CurrencyWithoutThreshold_AlwaysNeedsApproval()
    {
        var paymentId = await bed.CapturedPaymentAsync(5_000, "CHF");

        var result = await bed.RequestAsync("support@demo.local", paymentId, 1, "CHF");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(RefundStatus.PendingApproval, result.Value!.Status);
    }

    [Fact]
    public async Task Approve_ByAnotherAdmin_SendsTheRefund()
    {
        var paymentId = await bed.CapturedPaymentAsync(500_00);
        var pending = (await bed.RequestAsync("admin@demo.local", paymentId, 300_00)).Value!;

        var approved = await bed.Host.Service<RefundDecisions>().ApproveAsync(await bed.AccessAsync(RefundTestBed.SecondAdminEmail), pending.RefundId, "Checked the return");

        Assert.True(approved.Succeeded, approved.Error);
        Assert.Equal(RefundStatus.Succeeded, approved.Value!.Status);
        var refund = await bed.RefundAsync(pending.RefundId);
        Assert.Equal(("Checked the return", true), (refund.DecisionNote, refund.NeededApproval));
        Assert.Single(bed.Stripe.RefundCalls);
        Assert.Equal((PaymentStatus.PartiallyRefunded, 300_00L), ((await bed.PaymentAsync(paymentId)).Status, (await bed.PaymentAsync(paymentId)).RefundedMinor));
        Assert.Equal(
            [(AuditAction.RefundRequested, AuditOutcome.Success), (AuditAction.RefundApproved, AuditOutcome.Success), (AuditAction.RefundSucceeded, AuditOutcome.Success)],
            await bed.RefundAuditAsync(pending.RefundId));
    }

    [Fact]
    public async Task Approve_ByTheRequester_IsDeniedAndAudited()
    {
        var paymentId = await bed.CapturedPaymentAsync(500_00);
        var pending = (await bed.RequestAsync("admin@demo.local", paymentId, 300_00)).Value!;

        var approved = await bed.Host.Service<RefundDecisions>().ApproveAsync(await bed.AccessAsync("admin@demo.local"), pending.RefundId, null);

        Assert.False(approved.Succeeded);
        Assert.Equal(RefundStatus.PendingApproval, (await bed.RefundAsync(pending.RefundId)).Status);
        Assert.Empty(bed.Stripe.RefundCalls);
        Assert.Equal([(AuditAction.RefundRequested, AuditOutcome.Success), (AuditAction.RefundApproved, AuditOutcome.Denied)],
            await bed.RefundAuditAsync(pending.RefundId));
    }

    [Theory]
    [InlineData("support@demo.local")]
    [InlineData("compliance@demo.local")]
    public async Task Approve_ByANonAdmin_IsRefused(string email)
    {
        var paymentId = await bed.CapturedPaymentAsync(500_00);
        var pending = (await bed.RequestAsync("admin@demo.local", paymentId, 300_00)).Value!;

        var approved = await bed.Host.Service<RefundDecisions>().ApproveAsync(await bed.AccessAsync(email), pending.RefundId, null);

        Assert.False(approved.Succeeded);
        Assert.Empty(bed.Stripe.RefundCalls);
    }

    [Fact]
    public async Task Pending_HoldsItsAmount_SoALaterRefundCannotOverlapIt()
    {
        var paymentId = await bed.CapturedPaymentAsync(200_00);
        Assert.Equal(RefundStatus.PendingApproval, (await bed.RequestAsync("support@demo.local", paymentId, 150_00)).Value!.Status);

        var overlapping = await bed.RequestAsync("support@demo.local", paymentId, 60_00);
        var fitting = await bed.RequestAsync("support@demo.local", paymentId, 50_00);

        Assert.False(overlapping.Succeeded);
        Assert.Equal(RefundStatus.Succeeded, fitting.Value!.Status);
    }

    [Fact]
    public async Task Reject_NeedsAReasonAndFreesTheAmount()
    {
        var paymentId = await bed.CapturedPaymentAsync(200_00);
        var pending = (await bed.RequestAsync("support@demo.local", paymentId, 200_00)).Value!;
        var decisions = bed.Host.Service<RefundDecisions>();
        var admin = await bed.AccessAsync("admin@demo.local");

        var withoutReason = await decisions.RejectAsync(admin, pending.RefundId, " ");
        var rejected = await decisions.RejectAsync(admin, pending.RefundId, "Goods never came back");
        var twice = await decisions.ApproveAsync(await bed.AccessAsync(RefundTestBed.SecondAdminEmail), pending.RefundId, null);
        var again = await bed.RequestAsync("support@demo.local", paymentId, 90_00);

        Assert.False(withoutReason.Succeeded);
        Assert.Equal(RefundStatus.Rejected, rejected.Value!.Status);
        Assert.False(twice.Succeeded);
        Assert.Equal(RefundStatus.Succeeded, again.Value!.Status);
        Assert.Single(bed.Stripe.RefundCalls);
    }

    [Fact]
    public async Task Cancel_OnlyByTheRequester()
    {
        var paymentId = await bed.CapturedPaymentAsync(200_00);
        var pending = (await bed.RequestAsync("support@demo.local", paymentId, 200_00)).Value!;
        var decisions = bed.Host.Service<RefundDecisions>();

        var byOther = await decisions.CancelAsync(await bed.AccessAsync("admin@demo.local"), pending.RefundId);
        var byRequester = await decisions.CancelAsync(await bed.AccessAsync("support@demo.local"), pending.RefundId);

        Assert.False(byOther.Succeeded);
        Assert.Equal(RefundStatus.Canceled, byRequester.Value!.Status);
        Assert.Empty(bed.Stripe.RefundCalls);
    }

    [Fact]
    public async Task Thresholds_ChangedByAnAdmin_ApplyToTheNextRefundAndAreAudited()
    {
        var paymentId = await bed.CapturedPaymentAsync(500_00);
        var thresholds = bed.Host.Service<RefundThresholds>();

        var bySupport = await thresholds.SetAsync(await bed.AccessAsync("support@demo.local"), new Money(1_000_00, Currency.Usd));
        var byAdmin = await thresholds.SetAsync(await bed.AccessAsync("admin@demo.local"), new Money(400_00, Currency.Usd));
        var refund = await bed.RequestAsync("support@demo.local", paymentId, 400_00);

        Assert.False(bySupport.Succeeded);
        Assert.True(byAdmin.Succeeded, byAdmin.Error);
        Assert.Equal(RefundStatus.Succeeded, refund.Value!.Status);
        Assert.Contains(new Money(400_00, Currency.Usd), await thresholds.ListAsync(bed.MerchantId));
    }
}
