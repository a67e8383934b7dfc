using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Stripe;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Sandbox;
using PaymentsPortal.Sandbox.Stripe;

namespace PaymentsPortal.Tests.Integration.Gateways.Stripe;

/// <summary>
/// The Stripe simulator on its own loopback listener and the real <see cref="StripeGateway"/> talking to it over HTTP,
/// one per test.
/// </summary>
internal sealed class StripeSandbox : IAsyncDisposable
{
    public const string SecretKey = "sk_test_portal_sandbox_0123456789";

    /// <summary>Generous, so a cold first request on a busy two-core machine never times out by accident.</summary>
    public static readonly TimeSpan RelaxedTimeout = TimeSpan.FromSeconds(10);

    /// <summary>For the timeout tests: long enough for a healthy call, short enough to keep the tests quick.</summary>
    public static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(400);

    private readonly HttpClient http = new(new SocketsHttpHandler());

    private StripeSandbox(SimulatedFaults faults, StripeSimulator simulator, SandboxSimulatorHost host)
    {
        Faults = faults;
        Simulator = simulator;
        Host = host;
        Gateway = GatewayWith(RelaxedTimeout);
    }

    public SimulatedFaults Faults { get; }

    public StripeSimulator Simulator { get; }

    public SandboxSimulatorHost Host { get; }

    public StripeGateway Gateway { get; }

    public static async Task<StripeSandbox> StartAsync(TimeProvider? clock = null, TimeSpan searchIndexDelay = default)
    {
        var faults = new SimulatedFaults();
        faults.Seed(1234);
        var simulator = new StripeSimulator(faults, clock, searchIndexDelay);
        var host = await SandboxSimulatorHost.StartAsync([simulator], faults);
        return new StripeSandbox(faults, simulator, host);
    }

    public static AuthorizeRequest Authorize(string card, Money amount, bool capture = true, Guid? attemptId = null, string? returnUrl = null) =>
        new(attemptId ?? Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), amount, new PaymentToken(GatewayKind.Stripe, card), capture,
            "Order 1001", "customer@example.com", returnUrl);

    public static Money Usd(long cents) => new(cents, Currency.Usd);

    public StripeGateway GatewayWith(TimeSpan attemptTimeout, string secret = SecretKey) =>
        new(new GatewayConnection(GatewayKind.Stripe, Host.AddressOf(GatewayKind.Stripe), null, secret, attemptTimeout), http);

    /// <summary>Switches the faults and, for an outage, waits until the listener is closed or open again.</summary>
    public async Task SetFaultsAsync(FaultSettings settings)
    {
        Faults.Set(GatewayKind.Stripe, settings);
        await Host.ApplyOutageAsync(GatewayKind.Stripe, settings.Outage);
    }

    /// <summary>What Stripe.js does when the customer finishes (or fails) the 3-D Secure challenge.</summary>
    public async Task CompleteAuthenticationAsync(string paymentIntentId, string clientSecret, bool succeed)
    {
        var address = new Uri(Host.AddressOf(GatewayKind.Stripe), $"v1/payment_intents/{paymentIntentId}/simulate_authentication");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["client_secret"] = clientSecret, ["outcome"] = succeed ? "succeed" : "fail" });
        using var response = await http.PostAsync(address, form);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        http.Dispose();
    }
}

/// <summary>A clock the test moves by hand, for search lag and idempotency-key expiry.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
