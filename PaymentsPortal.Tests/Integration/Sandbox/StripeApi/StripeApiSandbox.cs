using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Sandbox;
using PaymentsPortal.Sandbox.Stripe;
using PaymentsPortal.Sandbox.Webhooks;
using PaymentsPortal.Tests.Support;
using Stripe;

namespace PaymentsPortal.Tests.Integration.Sandbox.StripeApi;

/// <summary>
/// The Stripe simulator on its loopback listener, called through the real Stripe.net SDK as the gateway sync job will
/// call it, with a hand-moved clock (so <c>created</c> filters are exact) and a sink that records what would be sent
/// as webhooks.
/// </summary>
internal sealed class StripeApiSandbox : IAsyncDisposable
{
    public const string AccountA = "sk_test_sync_account_a_0123456789";
    public const string AccountB = "sk_test_sync_account_b_0123456789";

    private readonly HttpClient http = new(new SocketsHttpHandler()) { Timeout = TimeSpan.FromSeconds(30) };

    private StripeApiSandbox(StripeSimulator simulator, SandboxSimulatorHost host, ManualClock clock, RecordingWebhookSink webhooks)
    {
        Simulator = simulator;
        Host = host;
        Clock = clock;
        Webhooks = webhooks;
    }

    public StripeSimulator Simulator { get; }

    public SandboxSimulatorHost Host { get; }

    /// <summary>Starts at a whole second, so tests can name timestamps exactly.</summary>
    public ManualClock Clock { get; }

    public RecordingWebhookSink Webhooks { get; }

    public long NowUnix => Clock.Now.ToUnixTimeSeconds();

    public static async Task<StripeApiSandbox> StartAsync()
    {
        var faults = new SimulatedFaults();
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        var webhooks = new RecordingWebhookSink();
        var simulator = new StripeSimulator(faults, clock, webhooks: webhooks);
        var host = await SandboxSimulatorHost.StartAsync([simulator], faults);
        return new StripeApiSandbox(simulator, host, clock, webhooks);
    }

    public StripeClient Client(string secretKey = AccountA) =>
        new(new StripeClientOptions
        {
            ApiKey = secretKey,
            ApiBase = Host.AddressOf(GatewayKind.Stripe).GetLeftPart(UriPartial.Path).TrimEnd('/'),
            HttpClient = new SystemNetHttpClient(http, maxNetworkRetries: 0, enableTelemetry: false),
        });

    /// <summary>A confirmed card payment, as the portal's adapter makes one (attempt_id metadata, our own idempotency key).</summary>
    public async Task<PaymentIntent> PayAsync(string card, long amount, string secretKey = AccountA, bool capture = true, Guid? attemptId = null, string currency = "usd")
    {
        var options = new PaymentIntentCreateOptions
        {
            Amount = amount,
            Currency = currency,
            PaymentMethod = card,
            Confirm = true,
            CaptureMethod = capture ? "automatic" : "manual",
            AutomaticPaymentMethods = new PaymentIntentAutomaticPaymentMethodsOptions { Enabled = true, AllowRedirects = "never" },
            Metadata = new Dictionary<string, string> { ["attempt_id"] = (attemptId ?? Guid.NewGuid()).ToString() },
        };
        return await new PaymentIntentService(Client(secretKey)).CreateAsync(options, Key());
    }

    public static RequestOptions Key() => new() { IdempotencyKey = Guid.NewGuid().ToString() };

    /// <summary>Every event of the account through the SDK's auto-paging, newest first.</summary>
    public async Task<List<Event>> AllEventsAsync(EventListOptions options, string secretKey = AccountA)
    {
        var events = new List<Event>();
        await foreach (var stripeEvent in new EventService(Client(secretKey)).ListAutoPagingAsync(options))
        {
            events.Add(stripeEvent);
        }

        return events;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        http.Dispose();
    }
}

/// <summary>What the simulator hands to the webhook sender, in order.</summary>
internal sealed class RecordingWebhookSink : ISimulatedWebhookSink
{
    private readonly List<SimulatedWebhook> published = [];

    public IReadOnlyList<SimulatedWebhook> Published
    {
        get
        {
            lock (published)
            {
                return [.. published];
            }
        }
    }

    public void Publish(SimulatedWebhook webhook)
    {
        lock (published)
        {
            published.Add(webhook);
        }
    }

    public IReadOnlyList<string> TypesFor(string account) => Published.Where(webhook => webhook.Account == account).Select(webhook => webhook.EventType).ToList();
}
