using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Webhooks.Outbound;
using PaymentsPortal.Core.Webhooks.Outbound.Deliveries;
using PaymentsPortal.Core.Webhooks.Outbound.Delivery;
using PaymentsPortal.Core.Webhooks.Outbound.Endpoints;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Webhooks.Outbound;

/// <summary>Deliveries are signed, retried on a backoff while the receiver is down, given up (and audited) after the window, and can be sent again.</summary>
[Trait("Tier", "Integration")]
public sealed class WebhookDeliveryTests
{
    [Fact]
    public async Task Delivery_CarriesAVerifiableSignatureAndItsIds()
    {
        await using var bed = await OutboundTestBed.StartAsync();
        var endpoint = await bed.AddEndpointAsync();
        await bed.SucceededPaymentAsync();

        await bed.PassAsync();

        var request = Assert.Single(bed.Receiver.Received);
        var delivery = await bed.SingleDeliveryAsync(endpoint.EndpointId);
        Assert.True(bed.Verifies(request, endpoint.Secret));
        Assert.False(bed.Verifies(request with { Body = request.Body.Replace("2500", "2501", StringComparison.Ordinal) }, endpoint.Secret));
        Assert.False(bed.Verifies(request, WebhookSignature.NewSecret()));
        Assert.Equal((delivery.EventId.ToString(), delivery.Id.ToString(), "1", WebhookEventTypes.PaymentSucceeded),
            (request.Header(WebhookHeaders.EventId), request.Header(WebhookHeaders.DeliveryId), request.Header(WebhookHeaders.Attempt),
                request.Header(WebhookHeaders.EventType)));
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(delivery.EventId.ToString(), body.RootElement.GetProperty("id").GetString());
        Assert.Equal((WebhookDeliveryStatus.Delivered, 1), (delivery.Status, delivery.Attempts));
    }

    [Fact]
    public async Task ReceiverDown_DeliveryWaitsForItsRetryThenArrives()
    {
        await using var bed = await OutboundTestBed.StartAsync();
        var endpoint = await bed.AddEndpointAsync();
        await bed.SucceededPaymentAsync();
        bed.Receiver.StatusCode = 503;

        await bed.PassAsync();
        var waiting = await bed.SingleDeliveryAsync(endpoint.EndpointId);
        Assert.Equal((WebhookDeliveryStatus.Pending, 1, 503), (waiting.Status, waiting.Attempts, waiting.LastStatusCode));
        var delay = waiting.NextAttemptAt!.Value - bed.Clock.Now;
        Assert.InRange(delay, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1.1));

        // Not due yet: a pass sends nothing.
        bed.Receiver.StatusCode = 200;
        Assert.Equal(0, (await bed.PassAsync()).Attempts);

        bed.Clock.Advance(TimeSpan.FromMinutes(1.2));
        await bed.PassAsync();

        var delivered = await bed.SingleDeliveryAsync(endpoint.EndpointId);
        Assert.Equal((WebhookDeliveryStatus.Delivered, 2), (delivered.Status, delivered.Attempts));
        Assert.Equal([(false, 503), (true, 200)], (await bed.AttemptsAsync(delivered.Id)).Select(a => (a.Succeeded, a.StatusCode ?? 0)));
        Assert.Equal("2", bed.Receiver.Received[1].Header(WebhookHeaders.Attempt));
        var health = await bed.EndpointAsync(endpoint.EndpointId);
        Assert.Equal(0, health.ConsecutiveFailures);
        Assert.NotNull(health.LastFailureAt);
    }

    [Fact]
    public async Task Retries_BackOffExponentially()
    {
        await using var bed = await OutboundTestBed.StartAsync();
        var endpoint = await bed.AddEndpointAsync();
        await bed.SucceededPaymentAsync();
        bed.Receiver.StatusCode = 500;

        var delays = new List<double>();
        for (var i = 0; i < 4; i++)
        {
            await bed.PassAsync();
            var delivery = await bed.SingleDeliveryAsync(endpoint.EndpointId);
            delays.Add((delivery.NextAttemptAt!.Value - bed.Clock.Now).TotalMinutes);
            bed.Clock.Now = delivery.NextAttemptAt.Value;
        }

        Assert.Collection(delays, d => Assert.InRange(d, 1, 1.1), d => Assert.InRange(d, 2, 2.2), d => Assert.InRange(d, 4, 4.4), d => Assert.InRange(d, 8, 8.8));
        Assert.Equal(4, (await bed.EndpointAsync(endpoint.EndpointId)).ConsecutiveFailures);
    }

    [Fact]
    public async Task RetryWindowOver_DeliveryIsGivenUpAndAudited()
    {
        await using var bed = await OutboundTestBed.StartAsync(new Dictionary<string, string?> { ["Webhooks:Outbound:RetryWindow"] = "00:05:00" });
        var endpoint = await bed.AddEndpointAsync();
        await bed.SucceededPaymentAsync();
        bed.Receiver.StatusCode = 410;

        // 1, 2 minutes, then the next wait (4) would end after the 5-minute window.
        for (var i = 0; i < 3; i++)
        {
            await bed.PassAsync();
            if ((await bed.SingleDeliveryAsync(endpoint.EndpointId)).NextAttemptAt is { } due)
            {
                bed.Clock.Now = due;
            }
        }

        var failed = await bed.SingleDeliveryAsync(endpoint.EndpointId);
        Assert.Equal((WebhookDeliveryStatus.Failed, 3, null), (failed.Status, failed.Attempts, failed.NextAttemptAt));
        await using var db = bed.Host.Context(bed.MerchantId);
        var audit = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditAction.WebhookDeliveryFailed);
        Assert.Equal((AuditOutcome.Failure, endpoint.EndpointId.ToString(), "webhook dispatcher"), (audit.Outcome, audit.TargetId, audit.ActorName));
        Assert.Equal(0, (await bed.PassAsync()).Attempts);
    }

    [Fact]
    public async Task Replay_SendsTheSameEventAgainAndIsAudited()
    {
        await using var bed = await OutboundTestBed.StartAsync();
        var endpoint = await bed.AddEndpointAsync();
        await bed.SucceededPaymentAsync();
        await bed.PassAsync();
        var delivered = await bed.SingleDeliveryAsync(endpoint.EndpointId);

        var replayed = await bed.Host.Service<WebhookDeliveryActions>().ReplayAsync(bed.MerchantId, TestActors.Someone, delivered.Id);
        Assert.True(replayed.Succeeded, replayed.Error);
        await bed.PassAsync();

        Assert.Equal(2, bed.Receiver.Received.Count);
        Assert.Equal(bed.Receiver.Received[0].Body, bed.Receiver.Received[1].Body);
        Assert.Equal(delivered.EventId.ToString(), bed.Receiver.Received[1].Header(WebhookHeaders.EventId));
        var attempts = await bed.AttemptsAsync(delivered.Id);
        Assert.Equal([WebhookAttemptTrigger.Scheduled, WebhookAttemptTrigger.Replay], attempts.Select(a => a.Trigger));
        Assert.Equal(WebhookDeliveryStatus.Delivered, (await bed.SingleDeliveryAsync(endpoint.EndpointId)).Status);
        await using var db = bed.Host.Context(bed.MerchantId);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditAction.WebhookDeliveryReplayed && e.TargetId == endpoint.EndpointId.ToString()));
    }

    [Fact]
    public async Task Replay_OfAFailedDelivery_StartsAFreshRetryWindow()
    {
        await using var bed = await OutboundTestBed.StartAsync(new Dictionary<string, string?> { ["Webhooks:Outbound:RetryWindow"] = "00:00:30" });
        var endpoint = await bed.AddEndpointAsync();
        await bed.SucceededPaymentAsync();
        bed.Receiver.StatusCode = 500;
        await bed.PassAsync();
        var failed = await bed.SingleDeliveryAsync(endpoint.EndpointId);
        Assert.Equal(WebhookDeliveryStatus.Failed, failed.Status);

        bed.Clock.Advance(TimeSpan.FromHours(2));
        bed.Receiver.StatusCode = 204;
        Assert.True((await bed.Host.Service<WebhookDeliveryActions>().ReplayAsync(bed.MerchantId, TestActors.Someone, failed.Id)).Succeeded);
        await bed.PassAsync();

        Assert.Equal((WebhookDeliveryStatus.Delivered, 2), ((await bed.SingleDeliveryAsync(endpoint.EndpointId)).Status, (await bed.SingleDeliveryAsync(endpoint.EndpointId)).Attempts));
    }

    [Fact]
    public async Task Replay_ThatFailsAgain_StartsTheBackoffAgain()
    {
        await using var bed = await OutboundTestBed.StartAsync();
        var endpoint = await bed.AddEndpointAsync();
        await bed.SucceededPaymentAsync();
        bed.Receiver.StatusCode = 500;
        for (var i = 0; i < 4; i++)
        {
            await bed.PassAsync();
            bed.Clock.Now = (await bed.SingleDeliveryAsync(endpoint.EndpointId)).NextAttemptAt!.Value;
        }

        var waiting = await bed.SingleDeliveryAsync(endpoint.EndpointId);
        Assert.True((await bed.Host.Service<WebhookDeliveryActions>().ReplayAsync(bed.MerchantId, TestActors.Someone, waiting.Id)).Succeeded);
        await bed.PassAsync();

        var after = await bed.SingleDeliveryAsync(endpoint.EndpointId);
        Assert.Equal(5, after.Attempts);
        Assert.InRange(after.NextAttemptAt!.Value - bed.Clock.Now, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1.1));
    }

    [Fact]
    public async Task SendTest_GoesToThatEndpointOnly()
    {
        await using var bed = await OutboundTestBed.StartAsync();
        var tested = await bed.AddEndpointAsync(WebhookEventTypes.RefundSucceeded);
        var other = await bed.AddEndpointAsync();

        var sent = await bed.Host.Service<WebhookDeliveryActions>().SendTestAsync(bed.MerchantId, TestActors.Someone, tested.EndpointId);
        Assert.True(sent.Succeeded, sent.Error);
        await bed.PassAsync();

        var request = Assert.Single(bed.Receiver.Received);
        Assert.Equal(WebhookEventTypes.EndpointTest, request.Header(WebhookHeaders.EventType));
        Assert.True(bed.Verifies(request, tested.Secret));
        Assert.Empty(await bed.DeliveriesAsync(other.EndpointId));
    }

    [Fact]
    public async Task Disable_CancelsWhatWaited_AndNothingIsSentWhileOff()
    {
        await using var bed = await OutboundTestBed.StartAsync();
        var endpoint = await bed.AddEndpointAsync();
        await bed.SucceededPaymentAsync();
        bed.Receiver.StatusCode = 500;
        await bed.PassAsync();

        Assert.True((await bed.Endpoints.SetEnabledAsync(bed.MerchantId, TestActors.Someone, endpoint.EndpointId, false)).Succeeded);
        bed.Clock.Advance(TimeSpan.FromHours(1));
        await bed.SucceededPaymentAsync();
        await bed.PassAsync();

        var canceled = await bed.SingleDeliveryAsync(endpoint.EndpointId);
        Assert.Equal(WebhookDeliveryStatus.Canceled, canceled.Status);
        Assert.Single(bed.Receiver.Received);
        var replay = await bed.Host.Service<WebhookDeliveryActions>().ReplayAsync(bed.MerchantId, TestActors.Someone, canceled.Id);
        Assert.False(replay.Succeeded);
    }

    [Fact]
    public async Task ReceiverAnswer_IsKeptRedactedAndShort()
    {
        await using var bed = await OutboundTestBed.StartAsync();
        var endpoint = await bed.AddEndpointAsync();
        bed.Receiver.StatusCode = 400;
        bed.Receiver.AnswerBody = "bad config: sk_live_51HxYzA card 4242 4242 4242 4242 " + new string('x', 2000);
        await bed.SucceededPaymentAsync();

        await bed.PassAsync();

        var attempt = Assert.Single(await bed.AttemptsAsync((await bed.SingleDeliveryAsync(endpoint.EndpointId)).Id));
        Assert.Equal((400, "HTTP 400"), (attempt.StatusCode, attempt.Error));
        Assert.DoesNotContain("sk_live_51Hx", attempt.ResponseExcerpt, StringComparison.Ordinal);
        Assert.DoesNotContain("4242 4242 4242 4242", attempt.ResponseExcerpt, StringComparison.Ordinal);
        Assert.True(attempt.ResponseExcerpt!.Length <= WebhookDeliveryAttempt.ResponseExcerptMaxLength);
    }

    [Fact]
    public async Task Redirect_IsNotFollowedAndCountsAsAFailure()
    {
        await using var bed = await OutboundTestBed.StartAsync();
        var endpoint = await bed.AddEndpointAsync();
        bed.Receiver.StatusCode = 307;
        await bed.SucceededPaymentAsync();

        await bed.PassAsync();

        Assert.Single(bed.Receiver.Received);
        Assert.Equal((WebhookDeliveryStatus.Pending, 307), ((await bed.SingleDeliveryAsync(endpoint.EndpointId)).Status,
            (await bed.SingleDeliveryAsync(endpoint.EndpointId)).LastStatusCode));
    }

    [Fact]
    public async Task ConcurrentPasses_SendEachDeliveryOnce()
    {
        await using var bed = await OutboundTestBed.StartAsync();
        await bed.AddEndpointAsync();
        for (var i = 0; i < 30; i++)
        {
            await bed.SucceededPaymentAsync(1000 + i);
        }

        await using var other = bed.Host.AnotherInstance();
        var otherPass = other.Service<WebhookDispatchPass>();
        await Task.WhenAll(bed.PassAsync(), otherPass.RunAsync(CancellationToken.None), bed.PassAsync());

        var ids = bed.Receiver.Received.Select(r => r.Header(WebhookHeaders.DeliveryId)).ToList();
        Assert.Equal(30, ids.Count);
        Assert.Equal(30, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task EndpointDeletedWhileWaiting_ItsDeliveriesGoWithIt()
    {
        await using var bed = await OutboundTestBed.StartAsync();
        var endpoint = await bed.AddEndpointAsync();
        await bed.SucceededPaymentAsync();
        bed.Receiver.StatusCode = 500;
        await bed.PassAsync();

        Assert.True((await bed.Endpoints.DeleteAsync(bed.MerchantId, TestActors.Someone, endpoint.EndpointId)).Succeeded);
        bed.Clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(0, (await bed.PassAsync()).Attempts);
        Assert.Empty(await bed.DeliveriesAsync(endpoint.EndpointId));
    }
}
