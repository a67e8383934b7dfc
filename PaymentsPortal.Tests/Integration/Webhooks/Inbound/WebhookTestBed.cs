using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Webhooks.Inbound;
using PaymentsPortal.Core.Webhooks.Inbound.Intake;
using PaymentsPortal.Core.Webhooks.Inbound.Processing;
using PaymentsPortal.Sandbox.Braintree;
using PaymentsPortal.Sandbox.Webhooks;
using PaymentsPortal.Tests.Integration.Gateways.Routing;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Webhooks.Inbound;

/// <summary>
/// Demo Coffee with scripted Stripe and Braintree gateways (Stripe first) and a Stripe webhook secret, over a fresh database:
/// payments are brought into the state a test needs through the real router, events go in through the real intake, signed
/// as the providers sign them, and the real processor works the inbox.
/// </summary>
public sealed class WebhookTestBed : IAsyncDisposable
{
    public const string StripeWebhookSecret = "whsec_webhook_tests_0123456789abcdef";

    private WebhookTestBed(CoreHost host, ScriptedGateway stripe, ScriptedGateway braintree, ManualClock clock, Guid merchantId)
    {
        Host = host;
        Stripe = stripe;
        Braintree = braintree;
        Clock = clock;
        MerchantId = merchantId;
    }

    public CoreHost Host { get; }

    public ScriptedGateway Stripe { get; }

    public ScriptedGateway Braintree { get; }

    public ManualClock Clock { get; }

    public Guid MerchantId { get; }

    public WebhookInboxProcessor Processor => Host.Service<WebhookInboxProcessor>();

    /// <param name="configure">Runs after the bed's own registrations: a test can wrap a service (the audit trail) to simulate a crash.</param>
    public static async Task<WebhookTestBed> StartAsync(Action<IServiceCollection>? configure = null)
    {
        var stripe = new ScriptedGateway(GatewayKind.Stripe);
        var braintree = new ScriptedGateway(GatewayKind.Braintree);
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        var host = await CoreHost.StartAsync(clock: clock, configure: services =>
        {
            services.AddSingleton<IGatewayAdapterFactory>(stripe);
            services.AddSingleton<IGatewayAdapterFactory>(braintree);
            configure?.Invoke(services);
        });
        var coffee = await host.MerchantIdAsync(DemoData.DemoCoffee);
        await GatewayChains.ConfigureAsync(host, coffee, GatewayKind.Stripe, GatewayKind.Braintree);
        var saved = await host.Service<WebhookSecretAdministration>().ReplaceStripeSecretAsync(coffee, TestActors.Someone, StripeWebhookSecret);
        Assert.True(saved.Succeeded, saved.Error);
        return new WebhookTestBed(host, stripe, braintree, clock, coffee);
    }

    /// <summary>A Stripe payment whose reply was lost: RequiresReconciliation, its one attempt Unknown.</summary>
    public async Task<(Guid PaymentId, Guid AttemptId)> LostReplyAsync(long minor = 1000, string token = "pm_card_visa")
    {
        Stripe.Answer = _ => Task.FromResult(GatewayResult.Unknown("transport.timeout", "Stripe did not answer in time"));
        var result = await PayAsync(new PaymentToken(GatewayKind.Stripe, token), minor);
        Assert.Equal(PaymentStatus.RequiresReconciliation, result.Status);
        return (result.PaymentId!.Value, Stripe.Calls.Last());
    }

    /// <summary>A Braintree payment (Stripe skipped: the token is Braintree's) whose reply was lost.</summary>
    public async Task<(Guid PaymentId, Guid AttemptId)> BraintreeLostReplyAsync(long minor = 1000)
    {
        Braintree.Answer = _ => Task.FromResult(GatewayResult.Unknown("transport.timeout", "Braintree did not answer in time"));
        var result = await PayAsync(new PaymentToken(GatewayKind.Braintree, "fake-valid-nonce"), minor);
        Assert.Equal(PaymentStatus.RequiresReconciliation, result.Status);
        return (result.PaymentId!.Value, Braintree.Calls.Last());
    }

    /// <summary>A Braintree payment captured at once (Stripe skipped: the token is Braintree's).</summary>
    public async Task<Guid> BraintreeCapturedAsync(long minor = 1000)
    {
        Braintree.Answer = request => Task.FromResult(GatewayResult.Succeeded("bt_" + request.AttemptId.ToString("N"), "SUBMITTED_FOR_SETTLEMENT"));
        var result = await PayAsync(new PaymentToken(GatewayKind.Braintree, "fake-valid-nonce"), minor);
        Assert.Equal(PaymentStatus.Succeeded, result.Status);
        return result.PaymentId!.Value;
    }

    /// <summary>A Stripe payment waiting for 3-D Secure in the browser.</summary>
    public async Task<(Guid PaymentId, Guid AttemptId, string IntentId)> AwaitingAuthenticationAsync(long minor = 1000)
    {
        var intent = "pi_3ds_" + Guid.NewGuid().ToString("N");
        Stripe.Answer = _ => Task.FromResult(GatewayResult.RequiresAction(intent, intent + "_secret_x", "requires_action"));
        var result = await PayAsync(new PaymentToken(GatewayKind.Stripe, "pm_card_threeDSecure2Required"), minor);
        Assert.Equal(PaymentStatus.RequiresAction, result.Status);
        return (result.PaymentId!.Value, Stripe.Calls.Last(), intent);
    }

    /// <summary>A Stripe payment captured at once; its reference is the scripted gateway's "ch_" + attempt id.</summary>
    public async Task<(Guid PaymentId, Guid AttemptId, string Reference)> CapturedAsync(long minor = 1000)
    {
        Stripe.Answer = request => Task.FromResult(GatewayResult.Succeeded("pi_" + request.AttemptId.ToString("N"), "succeeded"));
        var result = await PayAsync(new PaymentToken(GatewayKind.Stripe, "pm_card_visa"), minor);
        Assert.Equal(PaymentStatus.Succeeded, result.Status);
        var attempt = Stripe.Calls.Last();
        return (result.PaymentId!.Value, attempt, "pi_" + attempt.ToString("N"));
    }

    /// <summary>A Braintree payment captured at once; its reference is the GraphQL id of a transaction with <paramref name="legacyId"/>.</summary>
    public async Task<(Guid PaymentId, Guid AttemptId, string Reference)> BraintreeCapturedAsync(string legacyId, long minor = 1000)
    {
        var reference = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("transaction_" + legacyId));
        Braintree.Answer = _ => Task.FromResult(GatewayResult.Succeeded(reference, "SUBMITTED_FOR_SETTLEMENT"));
        var result = await PayAsync(new PaymentToken(GatewayKind.Braintree, "fake-valid-nonce"), minor);
        Assert.Equal(PaymentStatus.Succeeded, result.Status);
        return (result.PaymentId!.Value, Braintree.Calls.Last(), reference);
    }

    private Task<PayResult> PayAsync(PaymentToken token, long minor) =>
        Host.Service<PaymentRouter>().PayAsync(new PayCommand(
            MerchantId, Guid.NewGuid().ToString(), new Money(minor, Currency.Usd), token, true, "Webhook test", "customer@example.com", null,
            AuditActor.System("test"), null));

    /// <summary>Delivers a Stripe event through the intake, signed now with the merchant's secret.</summary>
    public Task<IntakeResult> DeliverStripeAsync(string body) =>
        Host.Service<WebhookIntake>().ReceiveStripeAsync(MerchantId, body, SandboxWebhookSigning.StripeSignature(body, StripeWebhookSecret, Clock.GetUtcNow()), CancellationToken.None);

    public Task<IntakeResult> DeliverStripeAsync(string type, JsonObject dataObject, string? id = null) =>
        DeliverStripeAsync(TestEvents.Stripe(type, dataObject, Clock.GetUtcNow(), id: id));

    /// <summary>Delivers a Braintree notification through the intake, signed with the simulator's key pair the chain uses.</summary>
    public Task<IntakeResult> DeliverBraintreeAsync(string payload)
    {
        var keys = BraintreeSimulatorOptions.Sandbox;
        return Host.Service<WebhookIntake>().ReceiveBraintreeAsync(
            MerchantId, SandboxWebhookSigning.BraintreeSignature(payload, keys.PublicKey, keys.PrivateKey), payload, CancellationToken.None);
    }

    public Task<int> ProcessAsync(int limit = 100) => Processor.ProcessPendingAsync(limit);

    public async Task<Payment> PaymentAsync(Guid id)
    {
        await using var db = Host.Context(MerchantId);
        return await db.Payments.AsNoTracking().SingleAsync(p => p.Id == id);
    }

    public async Task<List<WebhookInboxEntry>> InboxAsync()
    {
        await using var db = Host.Context(MerchantId);
        return await db.WebhookInbox.AsNoTracking().OrderBy(e => e.ReceivedAt).ThenBy(e => e.Id).ToListAsync();
    }

    public async Task<WebhookInboxEntry> InboxEntryAsync(string eventId)
    {
        await using var db = Host.Context(MerchantId);
        return await db.WebhookInbox.AsNoTracking().SingleAsync(e => e.EventId == eventId);
    }

    /// <summary>The merchant's audit entries with <paramref name="action"/> about <paramref name="targetId"/>.</summary>
    public async Task<List<AuditEntry>> AuditAsync(AuditAction action, Guid targetId)
    {
        await using var db = Host.Context(MerchantId);
        var id = targetId.ToString();
        return await db.AuditEntries.AsNoTracking().Where(e => e.Action == action && e.TargetId == id).OrderBy(e => e.Sequence).ToListAsync();
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
