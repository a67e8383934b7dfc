using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Checkout;
using PaymentsPortal.Core.Payments.Links;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Tests.Integration.Gateways.Routing;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Payments.Links;

/// <summary>
/// Demo Coffee on real PostgreSQL with a scripted Stripe (it captures unless a test says otherwise) and a clock that moves
/// only when told, so links can be created by its Operator, paid by a customer and watched expiring.
/// </summary>
public sealed class PaymentLinksTestBed : IAsyncDisposable
{
    public static readonly AuditOrigin CustomerOrigin = new("198.51.100.23", "Customer browser");

    private PaymentLinksTestBed(CoreHost host, ScriptedGateway stripe, ManualClock clock, Guid merchantId)
    {
        Host = host;
        Stripe = stripe;
        Clock = clock;
        MerchantId = merchantId;
    }

    public CoreHost Host { get; }

    public ScriptedGateway Stripe { get; }

    public ManualClock Clock { get; }

    public Guid MerchantId { get; }

    public PaymentLinks Links => Host.Service<PaymentLinks>();

    public PaymentLinkCheckout Checkout => Host.Service<PaymentLinkCheckout>();

    public static async Task<PaymentLinksTestBed> StartAsync()
    {
        var stripe = new ScriptedGateway(GatewayKind.Stripe);
        var clock = new ManualClock();
        var host = await CoreHost.StartAsync(clock: clock, configure: services => services.AddSingleton<IGatewayAdapterFactory>(stripe));
        var coffee = await host.MerchantIdAsync(DemoData.DemoCoffee);
        await GatewayChains.ConfigureAsync(host, coffee, GatewayKind.Stripe);
        return new PaymentLinksTestBed(host, stripe, clock, coffee);
    }

    public Task<UserAccess> AccessAsync(string email = "operator@demo.local") => Host.ResolveAsync(email, MerchantId);

    public NewPaymentLink Request(string amount = "25.00", string currency = "USD", int? maxUses = 1, TimeSpan? validFor = null) =>
        new(amount, currency, "Invoice 1042: espresso machine service", Clock.GetUtcNow() + (validFor ?? TimeSpan.FromDays(7)), maxUses);

    public async Task<PaymentLinkRow> CreateAsync(int? maxUses = 1, TimeSpan? validFor = null, string amount = "25.00")
    {
        var created = await Links.CreateAsync(await AccessAsync(), Request(amount, maxUses: maxUses, validFor: validFor));
        Assert.True(created.Succeeded, created.Error);
        return created.Value!;
    }

    /// <summary>A customer paying the link with a Stripe token under a fresh checkout key (or the one given).</summary>
    public Task<CheckoutOutcome> PayAsync(PaymentLinkRow link, string? key = null, string token = "pm_card_visa") =>
        Checkout.PayAsync(link.Slug, new LinkPayment(key ?? PaymentLinkCheckout.NewCheckoutKey(), new PaymentToken(GatewayKind.Stripe, token), null), CustomerOrigin);

    public async Task<IReadOnlyList<Payment>> PaymentsOfAsync(Guid linkId)
    {
        await using var db = Host.Context(MerchantId);
        return await db.Payments.AsNoTracking().Where(p => p.PaymentLinkId == linkId).OrderBy(p => p.CreatedAt).ToListAsync();
    }

    public async Task<PaymentLink> LinkAsync(Guid linkId)
    {
        await using var db = Host.Context(MerchantId);
        return await db.PaymentLinks.AsNoTracking().SingleAsync(l => l.Id == linkId);
    }

    /// <summary>The merchant chain's entries about one link, in chain order.</summary>
    public async Task<IReadOnlyList<AuditEntry>> AuditOfLinkAsync(Guid linkId)
    {
        var id = linkId.ToString();
        await using var db = Host.Context(MerchantId);
        return await db.AuditEntries.AsNoTracking()
            .Where(e => e.TargetType == PaymentLinkLedger.AuditTargetType && e.TargetId == id)
            .OrderBy(e => e.Sequence)
            .ToListAsync();
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
