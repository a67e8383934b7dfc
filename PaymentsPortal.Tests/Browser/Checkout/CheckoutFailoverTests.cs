using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Sandbox;
using PaymentsPortal.Sandbox.Braintree;
using PaymentsPortal.Sandbox.Faults;
using PaymentsPortal.Sandbox.Stripe;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Checkout;

/// <summary>
/// Failover seen from the checkout, on an app of its own: the outage and the breakers are process-wide, so no other test
/// class may meet them. Token portability says failover for a new card happens before it is tokenized: once Stripe's breaker
/// is open, the terminal shows Braintree's fields and the card is charged on Braintree.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Tier", "Browser")]
public sealed partial class CheckoutFailoverTests(BrowserFixture browser, PortalAppFixture fixture) : IClassFixture<PortalAppFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var kind in Enum.GetValues<GatewayKind>())
        {
            fixture.App.Service<SimulatedFaults>().Set(kind, FaultSettings.None);
            await fixture.App.Service<SandboxGateways>().Host.ApplyOutageAsync(kind, false);
        }
    }

    [Fact]
    public async Task StripeDown_TerminalShowsBraintreesFields_AndThePaymentSucceedsOnBraintree()
    {
        var coffee = await fixture.App.MerchantIdAsync(DemoData.DemoCoffee);
        var outage = await fixture.App.Service<SandboxFaultSwitch>().ApplyAsync(coffee, TestActors.Someone, GatewayKind.Stripe, new FaultSettingsInput { Outage = true });
        Assert.True(outage.Succeeded, outage.Error);
        await OpenStripesBreakerAsync(coffee);

        var page = await browser.NewPageAsync(fixture);
        await page.SignInAsync("operator@demo.local");
        await page.OpenTerminalAsync();
        await Assertions.Expect(page.Locator("[data-test=terminal-failover]")).ToContainTextAsync("Stripe");
        var description = $"terminal test failover {Guid.NewGuid():N}";
        await page.FillPaymentAsync("42.00", description);
        await page.EnterBraintreeCardAsync("4111111111111111");
        await page.ClickAsync("[data-test=terminal-pay]");

        await page.WaitForURLAsync(PaymentPage());
        await using var db = CoreHost.CreateContext(fixture.Database.AppConnectionString, new FixedTenantScope(coffee));
        var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Description == description);
        Assert.Equal((PaymentStatus.Succeeded, GatewayKind.Braintree, GatewayKind.Braintree, 4200L), (payment.Status, payment.Gateway, payment.TokenIssuer, payment.CapturedMinor));
        var attempts = await db.PaymentAttempts.AsNoTracking().Where(a => a.PaymentId == payment.Id).OrderBy(a => a.Number).ToListAsync();

        // The nonce is no use to Stripe, so Stripe is passed over without a call; Braintree takes exactly one charge.
        Assert.Equal([(GatewayKind.Stripe, "token_not_usable"), (GatewayKind.Braintree, null)], attempts.Select(a => (a.Gateway, a.Code)));
        Assert.Single(fixture.App.Service<BraintreeSimulator>().ChargesFor(attempts[1].Id));
        await page.Context.CloseAsync();
    }

    // Checkouts that were already showing Stripe's fields when Stripe went down: their payments meet the refused connections
    // and open the breaker, as in production.
    private async Task OpenStripesBreakerAsync(Guid merchantId)
    {
        var router = fixture.App.Service<PaymentRouter>();
        var chooser = fixture.App.Service<CheckoutGatewayChooser>();
        for (var i = 0; i < GatewayCircuitBreakers.ConsecutiveFailuresToOpen && (await chooser.ChooseAsync(merchantId)).Gateway == GatewayKind.Stripe; i++)
        {
            await router.PayAsync(new PayCommand(merchantId, Guid.NewGuid().ToString(), new Money(100, Currency.Usd),
                new PaymentToken(GatewayKind.Stripe, StripeTestCards.Visa), true, "before the breaker opened", null, null, TestActors.Someone.Actor, null));
        }

        Assert.Equal(GatewayKind.Braintree, (await chooser.ChooseAsync(merchantId)).Gateway);
    }

    [GeneratedRegex("/payments/[0-9a-f-]{36}$")]
    private static partial Regex PaymentPage();
}
