using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Webhooks.Outbound;
using PaymentsPortal.Core.Webhooks.Outbound.Delivery;
using PaymentsPortal.Core.Webhooks.Outbound.Endpoints;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Webhooks.Outbound;

/// <summary>
/// Demo Coffee over a fresh database with a receiver on loopback (Sandbox mode lets endpoints be http and local). Time is a
/// manual clock, so a test moves to a retry's due time instead of waiting for it, and each dispatcher pass is run by the test.
/// </summary>
public sealed class OutboundTestBed : IAsyncDisposable
{
    private readonly ManualClock? clock;

    private OutboundTestBed(CoreHost host, RecordingReceiver receiver, ManualClock? clock, Guid merchantId)
    {
        Host = host;
        Receiver = receiver;
        this.clock = clock;
        MerchantId = merchantId;
    }

    public CoreHost Host { get; }

    public RecordingReceiver Receiver { get; }

    public ManualClock Clock => clock ?? throw new InvalidOperationException("This bed runs on real time.");

    /// <summary>The time the portal's services see.</summary>
    public TimeProvider Time => (TimeProvider?)clock ?? TimeProvider.System;

    public Guid MerchantId { get; }

    public WebhookEndpointAdministration Endpoints => Host.Service<WebhookEndpointAdministration>();

    /// <param name="realTime">Real time instead of the manual clock, for tests of the dispatcher, which waits on timers.</param>
    public static async Task<OutboundTestBed> StartAsync(IDictionary<string, string?>? settings = null, bool realTime = false)
    {
        var receiver = await RecordingReceiver.StartAsync();
        var clock = realTime ? null : new ManualClock();
        var host = await CoreHost.StartAsync(settings: settings, clock: clock);
        var coffee = await host.MerchantIdAsync(DemoData.DemoCoffee);
        var bed = new OutboundTestBed(host, receiver, clock, coffee);

        // The demo data's own payment events are not what the tests look at: send them nowhere before any endpoint exists.
        await bed.PassAsync();
        return bed;
    }

    /// <summary>Registers an endpoint at the receiver and returns its id and its secret.</summary>
    public async Task<RevealedSecret> AddEndpointAsync(params string[] eventTypes) => await AddEndpointAtAsync(Receiver.Url, eventTypes);

    public async Task<RevealedSecret> AddEndpointAtAsync(string url, params string[] eventTypes)
    {
        var created = await Endpoints.CreateAsync(MerchantId, TestActors.Someone, new WebhookEndpointInput(url, "tests", eventTypes));
        Assert.True(created.Succeeded, created.Error);
        return created.Value!;
    }

    /// <summary>A payment that succeeded (after failing over), written as the router writes it: it raises payment.succeeded.</summary>
    public Task<Guid> SucceededPaymentAsync(long minor = 2500) =>
        PaymentTestData.FailedOverAsync(Host.Services, Host.Database.AppConnectionString, MerchantId, new Money(minor, Currency.Usd), "ada@example.com", "Outbound tests");

    public Task<DispatchPassResult> PassAsync() => Host.Service<WebhookDispatchPass>().RunAsync(CancellationToken.None);

    public async Task<List<WebhookDelivery>> DeliveriesAsync(Guid endpointId)
    {
        await using var db = Host.Context(MerchantId);
        return await db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == endpointId).OrderBy(d => d.CreatedAt).ToListAsync();
    }

    public async Task<WebhookDelivery> SingleDeliveryAsync(Guid endpointId) => Assert.Single(await DeliveriesAsync(endpointId));

    public async Task<List<WebhookDeliveryAttempt>> AttemptsAsync(Guid deliveryId)
    {
        await using var db = Host.Context(MerchantId);
        return await db.WebhookDeliveryAttempts.AsNoTracking().Where(a => a.DeliveryId == deliveryId).OrderBy(a => a.Number).ToListAsync();
    }

    public async Task<WebhookEndpoint> EndpointAsync(Guid endpointId)
    {
        await using var db = Host.Context(MerchantId);
        return await db.WebhookEndpoints.AsNoTracking().SingleAsync(e => e.Id == endpointId);
    }

    public bool Verifies(ReceivedWebhook request, string secret) =>
        WebhookSignature.IsValid(request.Header(WebhookSignature.Header), request.Body, secret, Time.GetUtcNow(), WebhookSignature.DefaultTolerance);

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
