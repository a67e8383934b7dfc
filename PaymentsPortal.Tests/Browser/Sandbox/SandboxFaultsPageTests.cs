using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Sandbox;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Sandbox;

/// <summary>
/// The Sandbox faults page against this class's own app: its breakers and simulators are shared by every test here and
/// by nothing else, so opening Stripe's breaker cannot reach another class. Only the failover test calls a gateway.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Tier", "Browser")]
public sealed partial class SandboxFaultsPageTests(BrowserFixture browser, PortalAppFixture fixture) : IClassFixture<PortalAppFixture>, IAsyncLifetime
{
    private static readonly LocatorAssertionsToHaveCountOptions WhileSending = new() { Timeout = 60_000 };

    public Task InitializeAsync() => Task.CompletedTask;

    // Whatever a test did, the next one starts with well-behaved simulators listening.
    public async Task DisposeAsync()
    {
        foreach (var kind in Enum.GetValues<GatewayKind>())
        {
            fixture.App.Service<SimulatedFaults>().Set(kind, FaultSettings.None);
            await fixture.App.Service<SandboxGateways>().Host.ApplyOutageAsync(kind, false);
        }
    }

    [Fact]
    public async Task Admin_StripeOutage_PaymentsFailOnStripeUntilItsBreakerOpensThenGoThroughBraintree()
    {
        var admin = await browser.NewPageAsync(fixture);
        await admin.SignInAsync("admin@demo.local");
        await admin.ClickAsync("[data-test=nav-sandbox-faults]");
        await admin.WaitForURLAsync("**/sandbox/faults");
        await admin.WaitForInteractiveAsync();
        var stripe = admin.Locator("[data-test=gateway-faults][data-gateway=Stripe]");
        await Assertions.Expect(stripe.Locator("[data-test=breaker-state]")).ToHaveAttributeAsync("data-state", "Closed");
        await Assertions.Expect(stripe.Locator("[data-test=chain-position]")).ToContainTextAsync("#1");

        await stripe.Locator("[data-test=fault-outage]").CheckAsync();
        await stripe.Locator("[data-test=faults-apply]").ClickAsync();
        await WaitUntilAppliedAsync(stripe, "outage");

        const int payments = GatewayCircuitBreakers.MinimumThroughput + 3;
        await admin.FillAsync("[data-test=test-count]", payments.ToString(CultureInfo.InvariantCulture));
        await admin.ClickAsync("[data-test=test-send]");

        var rows = admin.Locator("[data-test=test-payment]");
        await Assertions.Expect(rows).ToHaveCountAsync(payments, WhileSending);
        for (var i = 0; i < payments; i++)
        {
            var row = rows.Nth(i);
            if (i < GatewayCircuitBreakers.MinimumThroughput)
            {
                // Checkout still offers Stripe's fields; Stripe refuses the connection and the Stripe card cannot go elsewhere.
                await Assertions.Expect(row).ToHaveAttributeAsync("data-chosen", "Stripe");
                await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "Failed");
                await Assertions.Expect(row.Locator("[data-test=test-attempt]").First).ToHaveAttributeAsync("data-result", "NotSent");
            }
            else
            {
                // The breaker is open: checkout mounts Braintree's fields, and the router skips Stripe for a Braintree nonce.
                await Assertions.Expect(row).ToHaveAttributeAsync("data-chosen", "Braintree");
                await Assertions.Expect(row).ToHaveAttributeAsync("data-passed-over", "Stripe");
                await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "Succeeded");
            }
        }

        // No call reaches Stripe any more, so nothing can close its breaker; it opens again at once if a probe fails.
        await Assertions.Expect(stripe.Locator("[data-test=breaker-state]")).ToHaveAttributeAsync("data-state", OpenOrProbing());

        await stripe.Locator("[data-test=faults-clear]").ClickAsync();
        await WaitUntilAppliedAsync(stripe, "no faults");
        Assert.Equal(FaultSettings.None, fixture.App.Service<SimulatedFaults>().For(GatewayKind.Stripe));
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task Admin_ChangesFaults_EachChangeIsAuditedWithWhoAndWhat()
    {
        var admin = await browser.NewPageAsync(fixture);
        await admin.SignInAsync("admin@demo.local");
        await admin.GotoAsync("/sandbox/faults");
        await admin.WaitForInteractiveAsync();
        var braintree = admin.Locator("[data-test=gateway-faults][data-gateway=Braintree]");

        await braintree.Locator("[data-test=fault-latency]").FillAsync("250");
        await braintree.Locator("[data-test=fault-server-error]").FillAsync("12.5");
        await braintree.Locator("[data-test=faults-apply]").ClickAsync();
        await WaitUntilAppliedAsync(braintree, "250 ms added latency, 12.5% server errors");
        await braintree.Locator("[data-test=faults-clear]").ClickAsync();
        await WaitUntilAppliedAsync(braintree, "no faults");

        var coffee = await fixture.App.MerchantIdAsync(DemoData.DemoCoffee);
        await using var db = CoreHost.CreateContext(fixture.Database.AppConnectionString, new FixedTenantScope(coffee));
        var entries = await db.AuditEntries.Where(e => e.Action == AuditAction.SandboxFaultsChanged && e.TargetId == "Braintree").OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e =>
        {
            Assert.Equal(("Ada Admin", "gateway", "Braintree", AuditOutcome.Success), (e.ActorName, e.TargetType, e.TargetId, e.Outcome));
            Assert.NotNull(e.IpAddress);
            Assert.Contains("\"scope\":\"process-wide\"", e.Details, StringComparison.Ordinal);
        });
        Assert.Contains("\"after\":{\"added_latency_ms\":250,\"server_error\":0.125,", entries[0].Details, StringComparison.Ordinal);
        Assert.Contains("\"after\":{\"added_latency_ms\":0,\"server_error\":0,", entries[1].Details, StringComparison.Ordinal);
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task Admin_OutOfRangeInput_IsExplainedAndNothingChanges()
    {
        var admin = await browser.NewPageAsync(fixture);
        await admin.SignInAsync("admin@demo.local");
        await admin.GotoAsync("/sandbox/faults");
        await admin.WaitForInteractiveAsync();
        var stripe = admin.Locator("[data-test=gateway-faults][data-gateway=Stripe]");

        await stripe.Locator("[data-test=fault-connection-reset]").FillAsync("150");
        await stripe.Locator("[data-test=fault-latency]").FillAsync("40000");
        await admin.FillAsync("[data-test=test-amount]", "10.005");
        await admin.FillAsync("[data-test=test-count]", "51");

        await Assertions.Expect(stripe).ToContainTextAsync("Enter a percentage from 0 to 100.");
        await Assertions.Expect(stripe).ToContainTextAsync("Enter a latency from 0 to 30000 ms.");
        var panel = admin.Locator("[data-test=test-payments]");
        await Assertions.Expect(panel).ToContainTextAsync("USD has 2 decimal places at most.");
        await Assertions.Expect(panel).ToContainTextAsync("Send from 1 to 50 payments at a time.");

        await stripe.Locator("[data-test=faults-apply]").ClickAsync();
        await admin.ClickAsync("[data-test=test-send]");
        await Assertions.Expect(stripe.Locator("[data-test=faults-error]")).ToContainTextAsync("Connection reset: Enter a percentage from 0 to 100.");
        await Assertions.Expect(admin.Locator("[data-test=test-error]")).ToContainTextAsync("Nothing was sent.");
        Assert.Equal(FaultSettings.None, fixture.App.Service<SimulatedFaults>().For(GatewayKind.Stripe));
        await Assertions.Expect(admin.Locator("[data-test=test-payment]")).ToHaveCountAsync(0);
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task Compliance_HasNoEntryAndIsTurnedAwayByUrl()
    {
        // Compliance may view the gateways but not manage them, and switching faults is managing them.
        var page = await browser.NewPageAsync(fixture);
        await page.SignInAsync("compliance@demo.local");

        Assert.Contains("Gateways", await page.NavigationEntriesAsync());
        Assert.DoesNotContain("Sandbox faults", await page.NavigationEntriesAsync());
        await page.GotoAsync("/sandbox/faults");
        await page.WaitForURLAsync("**/access-denied**");
        await Assertions.Expect(page.Locator("[data-test=gateway-faults]")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    // "In force" changes as the faults are set; the card stays busy until the listener has closed or opened to match.
    private static async Task WaitUntilAppliedAsync(ILocator card, string inForce)
    {
        await Assertions.Expect(card.Locator("[data-test=faults-in-force]")).ToContainTextAsync(inForce);
        await Assertions.Expect(card).ToHaveAttributeAsync("data-busy", "false");
    }

    [GeneratedRegex("^(Open|HalfOpen)$")]
    private static partial Regex OpenOrProbing();
}
