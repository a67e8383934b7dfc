using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Webhooks.Inbound;
using PaymentsPortal.Core.Webhooks.Inbound.Processing;
using PaymentsPortal.Sandbox;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Sandbox;

/// <summary>The app with the simulators' webhooks on, delivered to the app's own endpoints over HTTP, retried quickly.</summary>
public sealed class WebhookLoopFixture : PortalAppFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Sandbox:Webhooks:Enabled"] = "true",
        ["Sandbox:Webhooks:FirstRetryDelay"] = "00:00:00.200",
    };
}

/// <summary>
/// The offline loop, end to end: the simulators send signed webhooks to the app's endpoints the way Stripe and Braintree do,
/// the intake stores them, and the processor settles what the portal did not know. Nothing in it is stubbed.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class SandboxWebhookLoopTests(WebhookLoopFixture fixture) : IClassFixture<WebhookLoopFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private Guid coffee;

    public async Task InitializeAsync()
    {
        await using var db = Context(null);
        coffee = await db.Merchants.Where(m => m.Name == DemoData.DemoCoffee).Select(m => m.Id).SingleAsync();
    }

    public async Task DisposeAsync()
    {
        fixture.App.Service<SimulatedFaults>().Set(GatewayKind.Stripe, FaultSettings.None);
        await SetStripeTimeoutAsync(10_000);
    }

    [Fact]
    public async Task Pay_StripeReplyLost_SimulatorsWebhookSettlesThePaymentOnceProcessed()
    {
        await SetStripeTimeoutAsync(500);
        fixture.App.Service<SimulatedFaults>().Set(GatewayKind.Stripe, new FaultSettings(TimeoutAfterCommit: 1));

        var result = await PayAsync(new PaymentToken(GatewayKind.Stripe, "pm_card_visa"), 4200);
        fixture.App.Service<SimulatedFaults>().Set(GatewayKind.Stripe, FaultSettings.None);
        Assert.Equal(PaymentStatus.RequiresReconciliation, result.Status);
        var paymentId = result.PaymentId!.Value;

        var payment = await ProcessUntilAsync(paymentId, p => p.Status != PaymentStatus.RequiresReconciliation);

        Assert.Equal((PaymentStatus.Succeeded, 4200L), (payment.Status, payment.CapturedMinor));
        var moved = Assert.Single(await AuditAsync(AuditAction.PaymentSucceeded, paymentId));
        Assert.Equal("webhook:stripe", moved.ActorName);
        await using var db = Context(coffee);
        var events = await db.WebhookInbox.AsNoTracking().Where(e => e.PaymentId == paymentId).ToListAsync();
        Assert.Contains(events, e => e is { EventType: "payment_intent.succeeded", Status: WebhookInboxStatus.Processed });
    }

    [Fact]
    public async Task Pay_Braintree_SimulatorsSettlementNotificationConfirmsThePayment()
    {
        var result = await PayAsync(new PaymentToken(GatewayKind.Braintree, "fake-valid-nonce"), 1999);
        Assert.Equal(PaymentStatus.Succeeded, result.Status);

        await ProcessUntilAsync(result.PaymentId!.Value, _ => true, e => e.Provider == WebhookProvider.Braintree);

        await using var db = Context(coffee);
        var settled = await db.WebhookInbox.AsNoTracking().SingleAsync(e => e.PaymentId == result.PaymentId && e.Provider == WebhookProvider.Braintree);
        Assert.Equal(("transaction_settled", WebhookInboxStatus.Processed), (settled.EventType, settled.Status));
        Assert.Single(await AuditAsync(AuditAction.PaymentSucceeded, result.PaymentId.Value));
    }

    private Task<PayResult> PayAsync(PaymentToken token, long amountMinor) =>
        fixture.App.Service<PaymentRouter>().PayAsync(new PayCommand(
            coffee, Guid.NewGuid().ToString(), new Money(amountMinor, Currency.Usd), token, true, "Webhook loop", "ada@example.com", null,
            AuditActor.System("test"), TestActors.Origin));

    /// <summary>
    /// Runs the processor (as the scheduler will) until an event about the payment matching <paramref name="which"/> was processed
    /// and the payment satisfies <paramref name="done"/>; deliveries are asynchronous, so this polls with a deadline.
    /// </summary>
    private async Task<Payment> ProcessUntilAsync(Guid paymentId, Func<Payment, bool> done, Func<WebhookInboxEntry, bool>? which = null)
    {
        var processor = fixture.App.Service<WebhookInboxProcessor>();
        using var deadline = new CancellationTokenSource(Patience);
        while (true)
        {
            await processor.ProcessPendingAsync(100, deadline.Token);
            await using var db = Context(coffee);
            var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId, deadline.Token);
            var processed = await db.WebhookInbox.AsNoTracking()
                .Where(e => e.PaymentId == paymentId && e.Status != WebhookInboxStatus.Pending)
                .ToListAsync(deadline.Token);
            if (done(payment) && processed.Any(which ?? (_ => true)))
            {
                return payment;
            }

            await Task.Delay(50, deadline.Token);
        }
    }

    private async Task<List<AuditEntry>> AuditAsync(AuditAction action, Guid paymentId)
    {
        await using var db = Context(coffee);
        var id = paymentId.ToString();
        return await db.AuditEntries.AsNoTracking().Where(e => e.Action == action && e.TargetId == id).ToListAsync();
    }

    private async Task SetStripeTimeoutAsync(int milliseconds)
    {
        await using var db = Context(coffee);
        var stripe = await db.MerchantGateways.SingleAsync(g => g.Gateway == GatewayKind.Stripe);
        stripe.AttemptTimeoutMs = milliseconds;
        await db.SaveChangesAsync();
    }

    private Core.Persistence.PortalDbContext Context(Guid? merchant) =>
        CoreHost.CreateContext(fixture.Database.AppConnectionString, new Core.Tenancy.FixedTenantScope(merchant));
}
