using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Webhooks.Outbound;
using PaymentsPortal.Core.Webhooks.Outbound.Deliveries;

namespace PaymentsPortal.Tests.Integration.Webhooks.Outbound;

[Trait("Tier", "Integration")]
public sealed class WebhookRetentionTests
{
    [Fact]
    public async Task Retention_RemovesOldFinishedEventsWithTheirAttempts_AndKeepsWhatStillWaits()
    {
        await using var bed = await OutboundTestBed.StartAsync();
        var endpoint = await bed.AddEndpointAsync();
        await bed.SucceededPaymentAsync();
        await bed.PassAsync();
        bed.Receiver.StatusCode = 500;
        await bed.SucceededPaymentAsync();
        await bed.PassAsync();

        bed.Clock.Advance(TimeSpan.FromDays(31));
        await bed.SucceededPaymentAsync();
        var removed = await bed.Host.Service<WebhookRetention>().ApplyAsync(CancellationToken.None);

        // The demo data's events and the delivered one go; the one still retrying, and the new one, stay.
        Assert.True(removed >= 1);
        var left = await bed.DeliveriesAsync(endpoint.EndpointId);
        var waiting = Assert.Single(left);
        Assert.Equal(WebhookDeliveryStatus.Pending, waiting.Status);
        await using var db = bed.Host.Context(bed.MerchantId);
        Assert.Equal(2, await db.OutboundEvents.CountAsync(e => e.ObjectType == "payment"));
        Assert.Single(await db.WebhookDeliveryAttempts.ToListAsync());
    }
}
