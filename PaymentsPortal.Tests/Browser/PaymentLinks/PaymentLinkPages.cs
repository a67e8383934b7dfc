using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Links;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Tests.Browser.Refunds;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.PaymentLinks;

/// <summary>Page-object steps for the staff list of payment links and the public page a customer pays on.</summary>
internal static class PaymentLinkPages
{
    /// <summary>Opens a link's public page and waits until it is interactive (a circuit, with nobody signed in).</summary>
    public static async Task OpenPayPageAsync(this IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.Locator("[data-test=public-shell][data-interactive=true]").WaitForAsync();
    }

    /// <summary>The row of one link in the staff list.</summary>
    public static ILocator LinkRow(this IPage page, Guid linkId) =>
        page.Locator("[data-test=links-table] tr", new() { Has = page.Locator($"[data-link-id='{linkId}']") });

    /// <summary>Creates a link through the running app's own use case, as the Operator of Demo Coffee.</summary>
    public static async Task<PaymentLinkRow> CreateLinkAsync(this PortalAppFactory app, string amount, string description, int? maxUses = 1)
    {
        var coffee = await app.DemoCoffeeIdAsync();
        var created = await app.Service<Core.Payments.Links.PaymentLinks>().CreateAsync(await app.AccessAsync("operator@demo.local", coffee),
            new NewPaymentLink(amount, "USD", description, DateTimeOffset.UtcNow.AddDays(7), maxUses));
        Assert.True(created.Succeeded, created.Error);
        return created.Value!;
    }

    /// <summary>A link that expired a minute ago, written straight to the database: no use case creates one in the past.</summary>
    public static async Task<string> ExpiredLinkAsync(this PortalAppFactory app, string description)
    {
        var coffee = await app.DemoCoffeeIdAsync();
        var now = DateTimeOffset.UtcNow;
        var link = PaymentLink.Create(coffee, Guid.CreateVersion7(now), PaymentLinkSlug.New(), new Money(900, Currency.Usd), description, now.AddMinutes(-1), 1,
            new ActingUser(Guid.NewGuid(), "Test operator", AuditOrigin.None), now.AddDays(-1));
        await using var db = CoreHost.CreateContext(app.Database.AppConnectionString, new FixedTenantScope(coffee));
        db.PaymentLinks.Add(link);
        await db.SaveChangesAsync();
        return link.Slug;
    }

    /// <summary>Pays a link with a Stripe test token through the app's services, as another customer would have.</summary>
    public static async Task PayThroughServicesAsync(this PortalAppFactory app, PaymentLinkRow link)
    {
        var paid = await app.Service<PaymentLinkCheckout>().PayAsync(link.Slug,
            new LinkPayment(PaymentLinkCheckout.NewCheckoutKey(), new PaymentToken(GatewayKind.Stripe, "pm_card_visa"), null), AuditOrigin.None);
        Assert.Equal(Core.Payments.Checkout.CheckoutStage.Paid, paid.Stage);
    }

    public static async Task<IReadOnlyList<Payment>> PaymentsOfLinkAsync(this PortalAppFactory app, Guid linkId)
    {
        var coffee = await app.DemoCoffeeIdAsync();
        await using var db = CoreHost.CreateContext(app.Database.AppConnectionString, new FixedTenantScope(coffee));
        return await db.Payments.AsNoTracking().Where(p => p.PaymentLinkId == linkId).OrderBy(p => p.CreatedAt).ToListAsync();
    }
}
