using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Components.Pages.Disputes;
using PaymentsPortal.Components.Pages.Payouts;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Disputes;
using PaymentsPortal.Core.Payouts;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Tests.Components.Webhooks;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Components.Disputes;

/// <summary>The Disputes and Payouts pages over the real ledgers, queries and PostgreSQL, at a fixed time.</summary>
[Trait("Tier", "Component")]
public sealed class DisputeAndPayoutPagesTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private readonly ManualClock clock = new(Now);
    private CoreHost core = default!;
    private BunitContext context = default!;
    private Guid coffee;
    private Guid northwind;

    public async Task InitializeAsync()
    {
        core = await CoreHost.StartAsync(clock: clock);
        context = MudBunit.Create(services => services
            .AddSingleton(core.Service<DisputeQueries>())
            .AddSingleton(core.Service<PayoutQueries>())
            .AddSingleton<TimeProvider>(clock));
        coffee = await core.MerchantIdAsync(DemoData.DemoCoffee);
        northwind = await core.MerchantIdAsync(DemoData.Northwind);
    }

    public async Task DisposeAsync()
    {
        await context.DisposeAsync();
        await core.DisposeAsync();
    }

    [Fact]
    public async Task Disputes_OpenOnesFirst_WithTheTimeLeftToAnswerAndTheEarliestDueDate()
    {
        await DisputeAsync(coffee, "dp_soon", DisputeStatus.NeedsResponse, "needs_response", opened: Now.AddDays(-6), due: Now.AddHours(10));
        await DisputeAsync(coffee, "dp_later", DisputeStatus.NeedsResponse, "warning_needs_response", opened: Now.AddDays(-1), due: Now.AddDays(6));
        await DisputeAsync(coffee, "dp_review", DisputeStatus.UnderReview, "under_review", opened: Now.AddDays(-20), due: Now.AddDays(-13));
        await DisputeAsync(coffee, "dp_won", DisputeStatus.Won, "won", opened: Now.AddDays(-60), due: Now.AddDays(-53));
        await DisputeAsync(northwind, "dp_other", DisputeStatus.NeedsResponse, "needs_response", opened: Now.AddDays(-2), due: Now.AddDays(5));

        var page = context.Render<DisputesPage>(p => p.AddCascadingValue(Admin(coffee)));

        page.WaitForRead(() => Assert.Equal(3, page.FindAll("[data-test=dispute-row]").Count));
        Assert.Equal("2 dispute(s) need a response. The earliest is due 2026-11-24 22:00:00 UTC.", page.Text("disputes-needing-response"));
        var dues = page.FindAll("[data-test=dispute-due]").Select(d => d.TextContent.Trim()).ToList();
        Assert.StartsWith("2026-11-30 12:00:00", dues[0], StringComparison.Ordinal);
        Assert.EndsWith("due in 6 d", dues[0], StringComparison.Ordinal);
        Assert.Contains("due in 10 h", dues[1], StringComparison.Ordinal);
        Assert.Equal("", dues[2]);
        Assert.Equal(["Needs response", "Needs response", "Under review"], page.FindAll("[data-test=dispute-status]").Select(c => c.TextContent.Trim()));
        Assert.DoesNotContain("dp_other", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("dp_won", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disputes_SwitchingOffOpenOnly_ShowsDecidedOnesWithTheirDecisionDate()
    {
        await DisputeAsync(coffee, "dp_lost", DisputeStatus.Lost, "lost", opened: Now.AddDays(-60), due: null);

        var page = context.Render<DisputesPage>(p => p.AddCascadingValue(Admin(coffee)));
        page.WaitForRead(() => Assert.Equal("No open disputes.", page.Text("no-disputes")));
        page.Find("input[data-test=disputes-open-only]").Change(false);

        page.WaitForRead(() => Assert.Single(page.FindAll("[data-test=dispute-row]")));
        Assert.Equal("Lost", page.Text("dispute-status"));
        Assert.Contains("decided 2026-09-26 12:00:00", page.Text("dispute-due"), StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-test=disputes-needing-response]"));
        Assert.Contains("pi_dp_lost", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Payouts_LatestArrivalFirst_WithFailuresExplained_OfThisMerchantOnly()
    {
        await PayoutAsync(coffee, "po_paid", 125_00, PayoutStatus.Paid, "paid", arrival: Now.AddDays(-3));
        await PayoutAsync(coffee, "po_failed", 40_00, PayoutStatus.Failed, "failed", arrival: Now.AddDays(-1), failure: "account_closed");
        await PayoutAsync(northwind, "po_other", 99_00, PayoutStatus.Paid, "paid", arrival: Now);

        var page = context.Render<PayoutsPage>(p => p.AddCascadingValue(Admin(coffee)));

        page.WaitForRead(() => Assert.Equal(2, page.FindAll("[data-test=payout-row]").Count));
        Assert.Equal(["2026-11-23", "2026-11-21"], page.FindAll("[data-test=payout-row]").Select(r => r.TextContent.Trim()));
        Assert.Equal(["40.00 USD", "125.00 USD"], page.FindAll("[data-test=payout-amount]").Select(r => r.TextContent.Trim()));
        Assert.Equal(["Failed", "Paid"], page.FindAll("[data-test=payout-status]").Select(r => r.TextContent.Trim()));
        Assert.Equal("account_closed: The bank account has been closed.", page.Text("payout-failure"));
        Assert.DoesNotContain("po_other", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Payouts_NoneReported_SaysSo()
    {
        var page = context.Render<PayoutsPage>(p => p.AddCascadingValue(Admin(coffee)));

        page.WaitForRead(() => Assert.Equal("No payouts reported yet.", page.Text("no-payouts")));
    }

    private static UserAccess Admin(Guid merchantId)
    {
        var membership = new MerchantAccess(merchantId, DemoData.DemoCoffee, MerchantRole.Admin);
        return new UserAccess(Guid.NewGuid(), "Demo Admin", false, false, false, [membership], membership);
    }

    private async Task DisputeAsync(Guid merchantId, string reference, DisputeStatus status, string gatewayStatus, DateTimeOffset opened, DateTimeOffset? due)
    {
        var report = new DisputeReport(
            GatewayKind.Stripe, reference, "pi_" + reference, new Money(1500, Currency.Usd), "product_not_received", gatewayStatus, status, due, opened,
            status.IsDecided() ? opened.AddDays(1) : opened);
        await using var db = core.Context(merchantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        await core.Service<DisputeLedger>().RecordAsync(db, merchantId, report, AuditActor.System("test"), CancellationToken.None);
        await tx.CommitAsync();
    }

    private async Task PayoutAsync(Guid merchantId, string reference, long minor, PayoutStatus status, string gatewayStatus, DateTimeOffset arrival, string? failure = null)
    {
        var report = new PayoutReport(
            GatewayKind.Stripe, reference, new Money(minor, Currency.Usd), gatewayStatus, status, arrival, "DEMO COFFEE", failure,
            failure is null ? null : "The bank account has been closed.", arrival.AddDays(-2), arrival);
        await using var db = core.Context(merchantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        await core.Service<PayoutLedger>().RecordAsync(db, merchantId, report, AuditActor.System("test"), CancellationToken.None);
        await tx.CommitAsync();
    }
}
