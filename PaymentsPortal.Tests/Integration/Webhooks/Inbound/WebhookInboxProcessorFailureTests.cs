using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Webhooks.Inbound;
using PaymentsPortal.Core.Webhooks.Inbound.Processing;

namespace PaymentsPortal.Tests.Integration.Webhooks.Inbound;

/// <summary>What happens when processing stops half-way: a crash before the commit, a handler that keeps failing, two processors at once.</summary>
[Trait("Tier", "Integration")]
public sealed class WebhookInboxProcessorFailureTests : IAsyncLifetime
{
    private static readonly Money TenDollars = new(1000, Currency.Usd);
    private WebhookTestBed bed = default!;
    private FaultyAuditTrail trail = default!;

    public async Task InitializeAsync() =>
        bed = await WebhookTestBed.StartAsync(services => services.AddSingleton<IAuditTrail>(sp =>
            trail = new FaultyAuditTrail(ActivatorUtilities.CreateInstance<AuditTrail>(sp))));

    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task Process_CrashAfterTheSecondEventsEffectBeforeItsCommit_ReprocessedWithoutDoubleEffect()
    {
        var (first, firstAttempt) = await bed.LostReplyAsync();
        var (second, secondAttempt) = await bed.LostReplyAsync();
        await bed.DeliverStripeAsync("payment_intent.succeeded", TestEvents.Intent("pi_first", firstAttempt, first, TenDollars, "succeeded"));
        await bed.DeliverStripeAsync("payment_intent.succeeded", TestEvents.Intent("pi_second", secondAttempt, second, TenDollars, "succeeded"));
        using var crash = new CancellationTokenSource();
        var secondId = second.ToString();
        trail.Trap = record =>
        {
            if (record.Action != AuditAction.PaymentSucceeded || record.TargetId != secondId || crash.IsCancellationRequested)
            {
                return null;
            }

            // The second payment's move and its audit entry are written; the process dies before the commit.
            crash.Cancel();
            return new OperationCanceledException(crash.Token);
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bed.Processor.ProcessPendingAsync(10, crash.Token));
        Assert.Equal((PaymentStatus.Succeeded, PaymentStatus.RequiresReconciliation), ((await bed.PaymentAsync(first)).Status, (await bed.PaymentAsync(second)).Status));

        var afterRestart = await bed.ProcessAsync();

        Assert.Equal(1, afterRestart);
        Assert.Equal(PaymentStatus.Succeeded, (await bed.PaymentAsync(second)).Status);
        Assert.Single(await bed.AuditAsync(AuditAction.PaymentSucceeded, first));
        Assert.Single(await bed.AuditAsync(AuditAction.PaymentSucceeded, second));
        Assert.All(await bed.InboxAsync(), row => Assert.Equal((WebhookInboxStatus.Processed, 0), (row.Status, row.Attempts)));
    }

    [Fact]
    public async Task Process_HandlerKeepsFailing_RetriedWithBackoffThenLeftFailed()
    {
        var (paymentId, attemptId) = await bed.LostReplyAsync();
        var stored = await bed.DeliverStripeAsync("payment_intent.succeeded", TestEvents.Intent("pi_fail", attemptId, paymentId, TenDollars, "succeeded"));
        trail.Trap = record => record.Action == AuditAction.PaymentSucceeded ? new InvalidOperationException("simulated failure") : null;

        for (var attempt = 1; attempt < WebhookInboxEntry.MaxAttempts; attempt++)
        {
            Assert.Equal(1, await bed.ProcessAsync());
            var row = await bed.InboxEntryAsync(stored.EventId!);
            Assert.Equal((WebhookInboxStatus.Pending, attempt), (row.Status, row.Attempts));
            Assert.Equal(bed.Clock.GetUtcNow() + WebhookInboxProcessor.Backoff[attempt - 1], row.NextAttemptAt);
            Assert.Contains("simulated failure", row.LastError, StringComparison.Ordinal);

            // Not due before its backoff has passed.
            Assert.Equal(0, await bed.ProcessAsync());
            bed.Clock.Advance(WebhookInboxProcessor.Backoff[attempt - 1]);
        }

        Assert.Equal(1, await bed.ProcessAsync());
        var failed = await bed.InboxEntryAsync(stored.EventId!);
        Assert.Equal((WebhookInboxStatus.Failed, WebhookInboxEntry.MaxAttempts, (DateTimeOffset?)null), (failed.Status, failed.Attempts, failed.NextAttemptAt));
        Assert.Equal(PaymentStatus.RequiresReconciliation, (await bed.PaymentAsync(paymentId)).Status);
        Assert.Single(await bed.AuditAsync(AuditAction.WebhookEventFailed, failed.Id));
        Assert.Empty(await bed.AuditAsync(AuditAction.PaymentSucceeded, paymentId));
    }

    [Fact]
    public async Task Process_TwoProcessorsAtOnce_EachEventHandledOnce()
    {
        var payments = new List<Guid>();
        // Waiting for 3-D Secure rather than lost replies: a dozen unknown answers in a row would open Stripe's breaker.
        for (var i = 0; i < 12; i++)
        {
            var (paymentId, attemptId, intentId) = await bed.AwaitingAuthenticationAsync();
            payments.Add(paymentId);
            await bed.DeliverStripeAsync("payment_intent.succeeded", TestEvents.Intent(intentId, attemptId, paymentId, TenDollars, "succeeded"));
        }

        var handled = await Task.WhenAll(bed.Processor.ProcessPendingAsync(100), bed.Processor.ProcessPendingAsync(100));

        Assert.Equal(12, handled.Sum());
        foreach (var paymentId in payments)
        {
            Assert.Equal(PaymentStatus.Succeeded, (await bed.PaymentAsync(paymentId)).Status);
            Assert.Single(await bed.AuditAsync(AuditAction.PaymentSucceeded, paymentId));
        }
    }
}
