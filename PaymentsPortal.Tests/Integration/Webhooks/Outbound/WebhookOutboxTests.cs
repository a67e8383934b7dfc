using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Webhooks.Outbound;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Webhooks.Outbound;

/// <summary>An event is written with the change it describes, in its transaction, and goes to the endpoints that asked for it.</summary>
[Trait("Tier", "Integration")]
public sealed class WebhookOutboxTests
{
    [Fact]
    public async Task PaymentMove_Committed_WritesOneEventWithTheStateAsCommitted()
    {
        await using var bed = await OutboundTestBed.StartAsync();
        var paymentId = await bed.SucceededPaymentAsync(2500);

        var events = await EventsAsync(bed, paymentId);

        // Created and Processing raise none; Succeeded raises one, whatever the failover did on the way.
        var succeeded = Assert.Single(events);
        Assert.Equal(WebhookEventTypes.PaymentSucceeded, succeeded.Type);
        using var body = JsonDocument.Parse(succeeded.Body);
        Assert.Equal(succeeded.Id.ToString(), body.RootElement.GetProperty("id").GetString());
        Assert.Equal("payment.succeeded", body.RootElement.GetProperty("type").GetString());
        Assert.False(body.RootElement.GetProperty("livemode").GetBoolean());
        var payment = body.RootElement.GetProperty("data").GetProperty("object");
        Assert.Equal(("succeeded", 2500L, "USD", "1881"), (payment.GetProperty("status").GetString(), payment.GetProperty("captured_minor").GetInt64(),
            payment.GetProperty("currency").GetString(), payment.GetProperty("card").GetProperty("last4").GetString()));
    }

    [Fact]
    public async Task PaymentMove_RolledBack_LeavesNoEvent()
    {
        await using var bed = await OutboundTestBed.StartAsync();
        var timeline = bed.Host.Service<PaymentTimeline>();
        Guid paymentId;
        await using (var db = bed.Host.Context(bed.MerchantId))
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var payment = await timeline.CreateAsync(db, new NewPayment(bed.MerchantId, new Money(900, Currency.Usd),
                new PaymentToken(GatewayKind.Stripe, "pm_card_visa"), true, "rolled back", null), PaymentTestData.Router, null, CancellationToken.None);
            paymentId = payment.Id;
            await timeline.MoveAsync(db, payment, PaymentStatus.Processing, PaymentTestData.Router, null, null, null, CancellationToken.None);
            await timeline.MoveAsync(db, payment, PaymentStatus.Failed, PaymentTestData.Router, "declined", null, null, CancellationToken.None);
            Assert.Single(await db.OutboundEvents.Where(e => e.ObjectId == paymentId.ToString()).ToListAsync());
            await tx.RollbackAsync();
        }

        Assert.Empty(await EventsAsync(bed, paymentId));
    }

    [Fact]
    public async Task FanOut_EachEndpointGetsWhatItSubscribedTo()
    {
        await using var bed = await OutboundTestBed.StartAsync();
        var all = await bed.AddEndpointAsync();
        var refundsOnly = await bed.AddEndpointAsync(WebhookEventTypes.RefundSucceeded);
        var paymentsOnly = await bed.AddEndpointAsync(WebhookEventTypes.PaymentSucceeded, WebhookEventTypes.PaymentFailed);
        var off = await bed.AddEndpointAsync();
        Assert.True((await bed.Endpoints.SetEnabledAsync(bed.MerchantId, TestActors.Someone, off.EndpointId, false)).Succeeded);

        await bed.SucceededPaymentAsync();
        var pass = await bed.PassAsync();

        Assert.Equal((1, 2, 2), (pass.EventsFannedOut, pass.Attempts, pass.Delivered));
        Assert.Equal(WebhookEventTypes.PaymentSucceeded, (await bed.SingleDeliveryAsync(all.EndpointId)).EventType);
        Assert.Equal(WebhookEventTypes.PaymentSucceeded, (await bed.SingleDeliveryAsync(paymentsOnly.EndpointId)).EventType);
        Assert.Empty(await bed.DeliveriesAsync(refundsOnly.EndpointId));
        Assert.Empty(await bed.DeliveriesAsync(off.EndpointId));
        Assert.Equal(2, bed.Receiver.Received.Count);
    }

    [Fact]
    public async Task FanOut_EndpointAddedAfterTheEvent_DoesNotGetIt()
    {
        await using var bed = await OutboundTestBed.StartAsync();
        await bed.SucceededPaymentAsync();
        bed.Clock.Advance(TimeSpan.FromSeconds(1));
        var later = await bed.AddEndpointAsync();

        await bed.PassAsync();

        Assert.Empty(await bed.DeliveriesAsync(later.EndpointId));
    }

    [Fact]
    public async Task FanOut_OtherMerchantsEndpoints_GetNothing()
    {
        await using var bed = await OutboundTestBed.StartAsync();
        var northwind = await bed.Host.MerchantIdAsync(Core.Demo.DemoData.Northwind);
        var theirs = await bed.Host.Service<Core.Webhooks.Outbound.Endpoints.WebhookEndpointAdministration>()
            .CreateAsync(northwind, TestActors.Someone, new(bed.Receiver.Url, null, []));
        Assert.True(theirs.Succeeded, theirs.Error);

        await bed.SucceededPaymentAsync();
        await bed.PassAsync();

        Assert.Empty(bed.Receiver.Received);
    }

    [Fact]
    public async Task Refunds_RaiseRefundAndPaymentEvents()
    {
        await using var refunds = await Payments.Refunds.RefundTestBed.StartAsync();
        var paymentId = await refunds.CapturedPaymentAsync(50_000);

        var small = await refunds.RequestAsync("admin@demo.local", paymentId, 1_000);
        var large = await refunds.RequestAsync("admin@demo.local", paymentId, 20_000);

        Assert.True(small.Succeeded && large.Succeeded, small.Error ?? large.Error);
        await using var db = refunds.Host.Context(refunds.MerchantId);
        var types = await db.OutboundEvents.AsNoTracking()
            .Where(e => e.ObjectId == paymentId.ToString() || e.ObjectId == small.Value!.RefundId.ToString() || e.ObjectId == large.Value!.RefundId.ToString())
            .Select(e => e.Type).ToListAsync();
        // The clock stands still, so the order within one commit is not the point: which events, and how many, is.
        string[] expected = [WebhookEventTypes.PaymentSucceeded, WebhookEventTypes.RefundSucceeded, WebhookEventTypes.PaymentPartiallyRefunded,
            WebhookEventTypes.RefundAwaitingApproval];
        Assert.Equal(expected.Order(StringComparer.Ordinal), types.Order(StringComparer.Ordinal));
    }

    private static async Task<List<OutboundEvent>> EventsAsync(OutboundTestBed bed, Guid paymentId)
    {
        await using var db = bed.Host.Context(bed.MerchantId);
        return await db.OutboundEvents.AsNoTracking().Where(e => e.ObjectType == "payment" && e.ObjectId == paymentId.ToString()).OrderBy(e => e.Id).ToListAsync();
    }
}
