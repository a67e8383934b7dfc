using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaymentsPortal.Components.Pages.Banking;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Banking.Reconciliation;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Tests.Components.Webhooks;
using PaymentsPortal.Tests.Integration.Banking;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Components.Banking;

/// <summary>The reconciliation page over the real services and PostgreSQL: what it shows, and an Admin's match and unmatch.</summary>
[Trait("Tier", "Component")]
public sealed class ReconciliationPageTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 20);
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));
    private CoreHost core = default!;
    private BunitContext context = default!;
    private Guid coffee;
    private BankTestData data = default!;

    public async Task InitializeAsync()
    {
        core = await CoreHost.StartAsync(clock: clock);
        context = MudBunit.Create(services => services
            .AddSingleton(core.Service<PayoutReconciliation>())
            .AddSingleton(core.Service<PayoutMatches>())
            .AddSingleton(core.Service<IOptions<ReconciliationOptions>>())
            .AddSingleton<TimeProvider>(clock));
        coffee = await core.MerchantIdAsync(DemoData.DemoCoffee);
        data = new BankTestData(core, coffee, clock);
    }

    public async Task DisposeAsync()
    {
        await context.DisposeAsync();
        await core.DisposeAsync();
    }

    [Fact]
    public async Task Admin_MatchesANearMissAnyway_ThenUnmatchesIt()
    {
        var account = await data.AccountAsync();
        var payout = await data.PayoutAsync(124_000, Today.AddDays(-2));
        await data.DepositAsync(account, 123_450, Today.AddDays(-2), "STRIPE PAYOUT");

        var page = context.Render<ReconciliationPage>(p => p.AddCascadingValue(Access(MerchantRole.Admin)));

        page.WaitForRead(() => Assert.Equal("1 payouts without a deposit", page.Text("count-unmatched")));
        Assert.Equal("The deposit is 5.50 USD less than the payout (1234.50 against 1240.00).", page.Text("near-miss-explanation"));
        page.Find("[data-test=match-anyway]").Click();

        page.WaitForRead(() => Assert.Equal("1 matched", page.Text("count-matched")));
        page.FindAll(".mud-tab").Single(t => t.TextContent.StartsWith("Matched", StringComparison.Ordinal)).Click();
        page.WaitForRead(() => Assert.Equal(payout.Id.ToString(), page.Find("[data-test=matched-row]").GetAttribute("data-payout-id")));
        page.Find("[data-test=unmatch]").Click();
        page.WaitForRead(() => Assert.Equal("0 matched", page.Text("count-matched")));
    }

    [Fact]
    public async Task Operator_SeesTheReportButCannotMatch()
    {
        var account = await data.AccountAsync();
        await data.PayoutAsync(5_000, Today);
        await data.DepositAsync(account, 5_000, Today);
        await data.DepositAsync(account, 5_000, Today.AddDays(-1));

        var page = context.Render<ReconciliationPage>(p => p.AddCascadingValue(Access(MerchantRole.Operator)));

        page.WaitForRead(() => Assert.Equal("1 to decide", page.Text("count-ambiguous")));
        Assert.Equal(2, page.FindAll("[data-test=ambiguous-deposit]").Count);
        Assert.Empty(page.FindAll("[data-test=match-now]"));
        Assert.Empty(page.FindAll("[data-test=match-chosen]"));
    }

    private UserAccess Access(MerchantRole role)
    {
        var membership = new MerchantAccess(coffee, DemoData.DemoCoffee, role);
        return new UserAccess(Guid.NewGuid(), "Demo " + role, false, false, false, [membership], membership);
    }
}
