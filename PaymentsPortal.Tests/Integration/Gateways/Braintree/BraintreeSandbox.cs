using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Braintree;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Sandbox;
using PaymentsPortal.Sandbox.Braintree;
using PaymentsPortal.Sandbox.Webhooks;

namespace PaymentsPortal.Tests.Integration.Gateways.Braintree;

/// <summary>
/// One Braintree simulator on its own loopback listener, and real <see cref="BraintreeGateway"/>s that reach it over
/// HTTP. Each test starts its own, so faults and transactions never leak between tests.
/// </summary>
internal sealed class BraintreeSandbox : IAsyncDisposable
{
    /// <summary>Generous for calls that must succeed on a busy two-core machine.</summary>
    public static readonly TimeSpan Patient = TimeSpan.FromSeconds(15);

    /// <summary>Short, for calls that are meant to time out.</summary>
    public static readonly TimeSpan Short = TimeSpan.FromMilliseconds(400);

    private readonly HttpClient http = new(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5) });

    private BraintreeSandbox(SimulatedFaults faults, BraintreeSimulator simulator, SandboxSimulatorHost host)
    {
        Faults = faults;
        Simulator = simulator;
        Host = host;
    }

    public SimulatedFaults Faults { get; }

    public BraintreeSimulator Simulator { get; }

    public SandboxSimulatorHost Host { get; }

    /// <param name="webhooks">Where the simulator's notifications go; none when null, as for an endpoint that never hears them.</param>
    public static async Task<BraintreeSandbox> StartAsync(BraintreeSimulatorOptions? options = null, ISimulatedWebhookSink? webhooks = null)
    {
        var faults = new SimulatedFaults();
        faults.Seed(20261123);
        var simulator = new BraintreeSimulator(faults, options, webhooks);
        var host = await SandboxSimulatorHost.StartAsync([simulator], faults);
        return new BraintreeSandbox(faults, simulator, host);
    }

    /// <summary>The connection a merchant's gateway chain would hold for this simulator.</summary>
    public GatewayConnection Connection(string? merchantAccountId = "portal_usd") =>
        new(GatewayKind.Braintree, Host.AddressOf(GatewayKind.Braintree), "portal-merchant", Simulator.Options.Secret, Patient, merchantAccountId);

    public BraintreeGateway Gateway(TimeSpan? timeout = null, string? merchantAccountId = "portal_usd", string? secret = null) =>
        new(new GatewayConnection(GatewayKind.Braintree, Host.AddressOf(GatewayKind.Braintree), "portal-merchant",
            secret ?? Simulator.Options.Secret, timeout ?? Patient, merchantAccountId), http);

    /// <summary>Runs one lookup first, so that JIT and connection setup do not eat into a short timeout.</summary>
    public async Task WarmUpAsync() => Assert.False((await Gateway().LookupAsync(Guid.NewGuid(), CancellationToken.None)).Found);

    public Task FaultAsync(FaultSettings settings)
    {
        Faults.Set(GatewayKind.Braintree, settings);
        return Host.ApplyOutageAsync(GatewayKind.Braintree, settings.Outage);
    }

    public static AuthorizeRequest Charge(Money amount, string nonce = "fake-valid-nonce", bool capture = true, Guid? attemptId = null) =>
        new(attemptId ?? Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), amount, new PaymentToken(GatewayKind.Braintree, nonce), capture,
            "Test order", "customer@example.test", null);

    public static Money Usd(long cents) => new(cents, Currency.Usd);

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        http.Dispose();
    }
}
