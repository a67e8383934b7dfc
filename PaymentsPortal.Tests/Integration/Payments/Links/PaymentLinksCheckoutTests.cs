using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Merchants;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Checkout;
using PaymentsPortal.Core.Payments.Links;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Payments.Links;

/// <summary>
/// A customer pays a link with nobody signed in. Whether the link may be paid is decided under the link's row lock in the
/// router's first transaction: two payers of a single-use link never both pay, and a refused payment leaves nothing behind.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class PaymentLinksCheckoutTests : IAsyncLifetime
{
    private PaymentLinksTestBed bed = default!;

    public async Task InitializeAsync() => bed = await PaymentLinksTestBed.StartAsync();

    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task Open_PayableLink_ShowsTheMerchantAmountAndDescription()
    {
        var link = await bed.CreateAsync(amount: "12.50");

        var view = await bed.Checkout.OpenAsync(link.Slug);

        Assert.NotNull(view);
        Assert.Equal(("Demo Coffee Co.", 1250L, "USD", PaymentLinkAvailability.Payable, (string?)null),
            (view.MerchantName, view.Amount.MinorUnits, view.Amount.Currency.Code, view.Availability, view.Refusal));
        Assert.Equal("Invoice 1042: espresso machine service", view.Description);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-slug")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("'; DROP TABLE x; --xxxx")]
    public async Task Open_UnknownOrMalformedSlug_IsNull(string slug)
    {
        Assert.Null(await bed.Checkout.OpenAsync(slug));
    }

    [Fact]
    public async Task Pay_PayableLink_TakesTheLinksAmountLinksThePaymentAndAuditsTheUseAsTheCustomer()
    {
        var link = await bed.CreateAsync(amount: "25.00");

        var outcome = await bed.PayAsync(link);

        Assert.Equal((CheckoutStage.Paid, PaymentStatus.Succeeded), (outcome.Stage, outcome.Status));
        var payment = Assert.Single(await bed.PaymentsOfAsync(link.Id));
        Assert.Equal((outcome.PaymentId, 2500L, "USD", "Invoice 1042: espresso machine service", 2500L),
            (payment.Id, payment.AmountMinor, payment.CurrencyCode, payment.Description, payment.CapturedMinor));
        var used = (await bed.AuditOfLinkAsync(link.Id))[^1];
        Assert.Equal((AuditAction.PaymentLinkPaymentStarted, AuditActorType.System, "customer (payment link)"), (used.Action, used.ActorType, used.ActorName));
        Assert.Equal(("198.51.100.23", "Customer browser"), (used.IpAddress, used.UserAgent));
        Assert.Contains($"\"payment_id\":\"{payment.Id}\"", used.Details, StringComparison.Ordinal);

        // The use and the payment's creation are one transaction: adjacent on the merchant's chain.
        await using var db = bed.Host.Context(bed.MerchantId);
        var created = await db.AuditEntries.AsNoTracking()
            .SingleAsync(e => e.Action == AuditAction.PaymentCreated && e.TargetId == payment.Id.ToString());
        Assert.Equal(used.Sequence + 1, created.Sequence);
        Assert.Equal(("customer (payment link)", "198.51.100.23"), (created.ActorName, created.IpAddress));
        Assert.Equal(PaymentLinkAvailability.UsedUp, (await bed.Checkout.OpenAsync(link.Slug))!.Availability);
    }

    [Fact]
    public async Task Pay_SingleUseLinkByManyCustomersAtOnce_ExactlyOnePaymentIsMade()
    {
        var link = await bed.CreateAsync(maxUses: 1);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => bed.PayAsync(link))));

        Assert.Single(outcomes, o => o.Stage == CheckoutStage.Paid);
        Assert.All(outcomes.Where(o => o.Stage != CheckoutStage.Paid), o =>
            Assert.Equal((CheckoutStage.Refused, "This payment link has already been paid."), (o.Stage, o.Message)));
        Assert.Single(await bed.PaymentsOfAsync(link.Id));
        Assert.Single(bed.Stripe.Calls);
        Assert.Single(await bed.AuditOfLinkAsync(link.Id), e => e.Action == AuditAction.PaymentLinkPaymentStarted);
    }

    [Fact]
    public async Task Pay_SingleUseLinkWhileTheFirstPaymentIsAtTheGateway_TheSecondPayerIsRefused()
    {
        var atGateway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bed.Stripe.Answer = async request =>
        {
            atGateway.TrySetResult();
            await release.Task;
            return GatewayResult.Succeeded("ch_" + request.AttemptId.ToString("N"));
        };
        var link = await bed.CreateAsync(maxUses: 1);

        // An unfinished payment counts as a use: it may yet take the money.
        var first = bed.PayAsync(link);
        await atGateway.Task;
        var second = await bed.PayAsync(link);
        release.SetResult();

        Assert.Equal((CheckoutStage.Refused, "This payment link has already been paid."), (second.Stage, second.Message));
        Assert.Equal(CheckoutStage.Paid, (await first).Stage);
        Assert.Single(await bed.PaymentsOfAsync(link.Id));
    }

    [Fact]
    public async Task Pay_UsedUpLink_IsRefusedAndLeavesNoKeyPaymentOrAuditEntry()
    {
        var link = await bed.CreateAsync(maxUses: 2);
        await bed.PayAsync(link);
        await bed.PayAsync(link);
        var key = PaymentLinkCheckout.NewCheckoutKey();

        var third = await bed.PayAsync(link, key);

        Assert.Equal((CheckoutStage.Refused, "This payment link has been used as many times as it allows."), (third.Stage, third.Message));
        Assert.Equal(2, (await bed.PaymentsOfAsync(link.Id)).Count);
        Assert.Equal(2, bed.Stripe.Calls.Count);
        Assert.Equal(2, (await bed.AuditOfLinkAsync(link.Id)).Count(e => e.Action == AuditAction.PaymentLinkPaymentStarted));
        await using var db = bed.Host.Context(bed.MerchantId);
        Assert.False(await db.IdempotencyRecords.AnyAsync(r => r.Key == key));
    }

    [Fact]
    public async Task Pay_DeclinedCard_DoesNotUseTheLink_AndTheNextCardPaysIt()
    {
        var link = await bed.CreateAsync(maxUses: 1);
        bed.Stripe.Answer = _ => Task.FromResult(GatewayResult.Declined("card_declined", "Your card was declined.", retryableElsewhere: false, "pi_declined"));

        var declined = await bed.PayAsync(link);
        var afterDecline = await bed.Checkout.OpenAsync(link.Slug);
        bed.Stripe.Answer = request => Task.FromResult(GatewayResult.Succeeded("ch_" + request.AttemptId.ToString("N")));
        var paid = await bed.PayAsync(link);

        Assert.Equal((CheckoutStage.NotPaid, "card_declined"), (declined.Stage, declined.DeclineCode));
        Assert.Equal(PaymentLinkAvailability.Payable, afterDecline!.Availability);
        Assert.Equal(CheckoutStage.Paid, paid.Stage);
        Assert.Equal([PaymentStatus.Failed, PaymentStatus.Succeeded], (await bed.PaymentsOfAsync(link.Id)).Select(p => p.Status));
        Assert.Equal(PaymentLinkAvailability.UsedUp, (await bed.Checkout.OpenAsync(link.Slug))!.Availability);
    }

    [Fact]
    public async Task Pay_ExpiredLink_IsRefusedAndNothingIsCharged()
    {
        var link = await bed.CreateAsync(validFor: TimeSpan.FromHours(1));
        bed.Clock.Advance(TimeSpan.FromHours(1));

        var outcome = await bed.PayAsync(link);

        Assert.Equal((CheckoutStage.Refused, "This payment link has expired. Ask the merchant for a new one."), (outcome.Stage, outcome.Message));
        Assert.Equal(PaymentLinkAvailability.Expired, (await bed.Checkout.OpenAsync(link.Slug))!.Availability);
        Assert.Empty(await bed.PaymentsOfAsync(link.Id));
        Assert.Empty(bed.Stripe.Calls);
    }

    [Fact]
    public async Task Pay_DeactivatedLink_IsRefused()
    {
        var link = await bed.CreateAsync(maxUses: null);
        Assert.True((await bed.Links.DeactivateAsync(await bed.AccessAsync(), link.Id)).Succeeded);

        var outcome = await bed.PayAsync(link);

        Assert.Equal((CheckoutStage.Refused, "This payment link is no longer active. Ask the merchant for a new one."), (outcome.Stage, outcome.Message));
        Assert.Empty(bed.Stripe.Calls);
    }

    [Fact]
    public async Task Pay_MerchantSuspended_LinkIsUnknownAndCannotBePaid()
    {
        var link = await bed.CreateAsync(maxUses: null);
        var suspended = await bed.Host.Service<MerchantAdministration>().SetStatusAsync(TestActors.Someone, bed.MerchantId, MerchantStatus.Suspended);
        Assert.True(suspended.Succeeded, suspended.Error);

        var outcome = await bed.PayAsync(link);

        Assert.Null(await bed.Checkout.OpenAsync(link.Slug));
        Assert.Equal((CheckoutStage.Refused, PaymentLinkCheckout.NotFound), (outcome.Stage, outcome.Message));
        Assert.Empty(bed.Stripe.Calls);
    }

    [Fact]
    public async Task Pay_SameKeyRetriedAfterTheLinkWasUsedUp_ReturnsThatPaymentAndChargesOnce()
    {
        var link = await bed.CreateAsync(maxUses: 1);
        var key = PaymentLinkCheckout.NewCheckoutKey();

        var first = await bed.PayAsync(link, key);
        var retried = await bed.PayAsync(link, key);

        Assert.Equal((CheckoutStage.Paid, CheckoutStage.Paid, first.PaymentId), (first.Stage, retried.Stage, retried.PaymentId));
        Assert.Single(bed.Stripe.Calls);
        var view = await bed.Checkout.OpenAsync(link.Slug);
        Assert.Equal(first.PaymentId, (await bed.Checkout.FindAsync(view!, key))?.PaymentId);
    }

    [Fact]
    public async Task Find_KeyUsedOnAnotherLink_IsNotFoundHere()
    {
        var paidLink = await bed.CreateAsync(maxUses: null);
        var otherLink = await bed.CreateAsync(maxUses: null);
        var key = PaymentLinkCheckout.NewCheckoutKey();
        await bed.PayAsync(paidLink, key);

        var other = await bed.Checkout.OpenAsync(otherLink.Slug);

        Assert.Null(await bed.Checkout.FindAsync(other!, key));
        Assert.Null(await bed.Checkout.FindAsync(other!, PaymentLinkCheckout.NewCheckoutKey()));
    }

    [Fact]
    public async Task Pay_WithoutKeyOrCard_IsRefusedBeforeAnythingIsStored()
    {
        var link = await bed.CreateAsync();

        var noKey = await bed.Checkout.PayAsync(link.Slug, new LinkPayment("", new PaymentToken(GatewayKind.Stripe, "pm_card_visa"), null), PaymentLinksTestBed.CustomerOrigin);
        var noCard = await bed.Checkout.PayAsync(link.Slug, new LinkPayment(PaymentLinkCheckout.NewCheckoutKey(), new PaymentToken(GatewayKind.Stripe, " "), null),
            PaymentLinksTestBed.CustomerOrigin);

        Assert.Equal((CheckoutStage.Refused, CheckoutStage.Refused), (noKey.Stage, noCard.Stage));
        Assert.Empty(await bed.PaymentsOfAsync(link.Id));
        Assert.Empty(bed.Stripe.Calls);
    }
}
