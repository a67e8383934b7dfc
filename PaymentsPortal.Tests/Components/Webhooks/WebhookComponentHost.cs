using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Core.Webhooks.Inbound.Browsing;
using PaymentsPortal.Core.Webhooks.Outbound;
using PaymentsPortal.Core.Webhooks.Outbound.Deliveries;
using PaymentsPortal.Core.Webhooks.Outbound.Endpoints;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Components.Webhooks;

/// <summary>
/// A bUnit context for the webhooks pages over Core's real webhook services and a real database (demo data seeded, Sandbox
/// mode, no dispatcher: deliveries stay as a test puts them), with an Admin of Demo Coffee Co. to cascade into them.
/// </summary>
public sealed class WebhookComponentHost : IAsyncDisposable
{
    private WebhookComponentHost(CoreHost core, BunitContext context, Guid coffee, Guid northwind)
    {
        Core = core;
        Context = context;
        Coffee = coffee;
        Northwind = northwind;
    }

    /// <summary>How long a test waits for what the page read: a database round trip on a machine shared with other test runs.</summary>
    public static TimeSpan ReadTimeout { get; } = TimeSpan.FromSeconds(30);

    public CoreHost Core { get; }

    public BunitContext Context { get; }

    public Guid Coffee { get; }

    public Guid Northwind { get; }

    public static async Task<WebhookComponentHost> StartAsync()
    {
        var core = await CoreHost.StartAsync();
        var context = MudBunit.Create(services => services
            .AddSingleton(core.Service<WebhookDeliveryQueries>())
            .AddSingleton(core.Service<WebhookEndpointAdministration>())
            .AddSingleton(core.Service<WebhookDeliveryActions>())
            .AddSingleton(core.Service<ReceivedWebhookQueries>())
            .AddSingleton(core.Service<ReceivedWebhookRetry>())
            .AddSingleton(core.Service<TimeProvider>()));
        return new WebhookComponentHost(core, context, await core.MerchantIdAsync(DemoData.DemoCoffee), await core.MerchantIdAsync(DemoData.Northwind));
    }

    /// <summary>An Admin of Demo Coffee Co., as the layout would cascade it.</summary>
    public UserAccess Admin()
    {
        var membership = new MerchantAccess(Coffee, DemoData.DemoCoffee, MerchantRole.Admin);
        return new UserAccess(Guid.NewGuid(), "Demo Admin", false, false, false, [membership], membership);
    }

    public async Task<RevealedSecret> AddEndpointAsync(Guid merchantId, string url, string? description = null, params string[] eventTypes)
    {
        var created = await Core.Service<WebhookEndpointAdministration>().CreateAsync(merchantId, TestActors.Someone, new(url, description, eventTypes));
        Assert.True(created.Succeeded, created.Error);
        return created.Value!;
    }

    /// <summary>Queues <paramref name="count"/> test events to the endpoint, oldest first; they stay Pending, as no dispatcher runs.</summary>
    public async Task<IReadOnlyList<Guid>> SendTestsAsync(Guid merchantId, Guid endpointId, int count)
    {
        var actions = Core.Service<WebhookDeliveryActions>();
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var sent = await actions.SendTestAsync(merchantId, TestActors.Someone, endpointId);
            Assert.True(sent.Succeeded, sent.Error);
            ids.Add(sent.Value);
        }

        return ids;
    }

    /// <summary>Changes an endpoint's health columns as the dispatcher would after its attempts.</summary>
    public async Task SetHealthAsync(Guid merchantId, Guid endpointId, int failures, DateTimeOffset? lastSuccess, DateTimeOffset? lastFailure, string? reason)
    {
        await using var db = Core.Context(merchantId);
        var endpoint = await db.WebhookEndpoints.SingleAsync(e => e.Id == endpointId);
        (endpoint.ConsecutiveFailures, endpoint.LastSuccessAt, endpoint.LastFailureAt, endpoint.LastFailure) = (failures, lastSuccess, lastFailure, reason);
        await db.SaveChangesAsync();
    }

    /// <summary>Records attempts of a delivery and its resulting state, as the dispatcher's recorder writes them.</summary>
    public async Task RecordAsync(Guid merchantId, Guid deliveryId, WebhookDeliveryStatus status, params WebhookDeliveryAttempt[] attempts)
    {
        await using var db = Core.Context(merchantId);
        var delivery = await db.WebhookDeliveries.SingleAsync(d => d.Id == deliveryId);
        foreach (var attempt in attempts)
        {
            db.WebhookDeliveryAttempts.Add(attempt);
        }

        var last = attempts.MaxBy(a => a.Number);
        delivery.Attempts = attempts.Length;
        delivery.Status = status;
        delivery.LastStatusCode = last?.StatusCode;
        delivery.LastError = last?.Error;
        delivery.NextAttemptAt = status == WebhookDeliveryStatus.Pending ? delivery.NextAttemptAt : null;
        delivery.DeliveredAt = status == WebhookDeliveryStatus.Delivered ? last?.StartedAt : null;
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await Core.DisposeAsync();
    }
}

public static class WebhookComponentWaits
{
    /// <summary><c>WaitForAssertion</c> with <see cref="WebhookComponentHost.ReadTimeout"/>.</summary>
    public static void WaitForRead<TComponent>(this IRenderedComponent<TComponent> rendered, Action assertion)
        where TComponent : Microsoft.AspNetCore.Components.IComponent =>
        rendered.WaitForAssertion(assertion, WebhookComponentHost.ReadTimeout);

    public static string Text<TComponent>(this IRenderedComponent<TComponent> rendered, string testId)
        where TComponent : Microsoft.AspNetCore.Components.IComponent =>
        rendered.Find($"[data-test={testId}]").TextContent.Trim();
}
