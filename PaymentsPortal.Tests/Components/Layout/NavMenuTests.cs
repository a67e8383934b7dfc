using Bunit;
using PaymentsPortal.Components.Layout;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Hosting;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Components.Layout;

[Trait("Tier", "Component")]
public sealed class NavMenuTests : IAsyncLifetime
{
    private static readonly MerchantAccess Coffee = new(Guid.NewGuid(), "Demo Coffee Co.", MerchantRole.Admin);

    private readonly BunitContext context = MudBunit.Create();

    public static TheoryData<MerchantRole, string[]> Roles => new()
    {
        { MerchantRole.Admin, ["Home", "Payments", "Virtual terminal", "Payment links", "Disputes", "Payouts", "Bank accounts", "Reconciliation", "Refund approvals", "Members", "Gateways", "Refund settings", "Webhooks", "Sandbox faults", "Audit trail", "Access grants", "Temporary access", "Permissions", "My account"] },
        { MerchantRole.Operator, ["Home", "Payments", "Virtual terminal", "Payment links", "Disputes", "Payouts", "Bank accounts", "Reconciliation", "Temporary access", "My account"] },
        { MerchantRole.Support, ["Home", "Payments", "Disputes", "Payouts", "Temporary access", "My account"] },
        { MerchantRole.Compliance, ["Home", "Payments", "Disputes", "Payouts", "Bank accounts", "Reconciliation", "Members", "Gateways", "Audit trail", "Access grants", "Temporary access", "Permissions", "My account"] },
        { MerchantRole.Viewer, ["Home", "Payments", "Disputes", "Payouts", "Temporary access", "My account"] },
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await context.DisposeAsync();

    [Theory]
    [MemberData(nameof(Roles))]
    public void Render_MerchantRole_ShowsOnlyTheItemsTheRoleHolds(MerchantRole role, string[] expected)
    {
        var membership = Coffee with { Role = role };

        var menu = Render(new UserAccess(Guid.NewGuid(), "Someone", false, false, false, [membership], membership));

        Assert.Equal(expected, Entries(menu));
    }

    [Fact]
    public void Render_PlatformAdminWithoutMembership_ShowsMerchantsNotMembers()
    {
        var menu = Render(new UserAccess(Guid.NewGuid(), "Pat", true, false, false, [], null));

        Assert.Equal(["Home", "Merchants", "Users", "Platform audit", "Jobs", "Permissions", "My account"], Entries(menu));
    }

    [Fact]
    public void Render_AdminWhoMustChangePassword_ShowsOnlyEveryoneItems()
    {
        var menu = Render(new UserAccess(Guid.NewGuid(), "Ada", false, false, true, [Coffee], Coffee));

        Assert.Equal(["Home", "My account"], Entries(menu));
    }

    [Fact]
    public void Render_Anonymous_ShowsNothing()
    {
        var menu = Render(UserAccess.Anonymous);

        Assert.Empty(Entries(menu));
    }

    [Fact]
    public void Render_AdminInLiveMode_HasNoSandboxFaultsEntry()
    {
        var menu = Render(new UserAccess(Guid.NewGuid(), "Ada", false, false, false, [Coffee], Coffee), PortalMode.Live);

        Assert.Equal(["Home", "Payments", "Virtual terminal", "Payment links", "Disputes", "Payouts", "Bank accounts", "Reconciliation", "Refund approvals", "Members", "Gateways", "Refund settings", "Webhooks", "Audit trail", "Access grants", "Temporary access", "Permissions", "My account"], Entries(menu));
        Assert.Empty(menu.FindAll("[data-test=nav-sandbox-faults]"));
    }

    [Fact]
    public void Render_AdminInSandboxMode_SandboxFaultsFollowsGateways()
    {
        var menu = Render(new UserAccess(Guid.NewGuid(), "Ada", false, false, false, [Coffee], Coffee));

        Assert.Equal("/sandbox/faults", menu.Find("[data-test=nav] a[data-test=nav-sandbox-faults]").GetAttribute("href"));
    }

    [Fact]
    public void Render_Admin_LinksPointAtTheItemsHrefs()
    {
        var menu = Render(new UserAccess(Guid.NewGuid(), "Ada", false, false, false, [Coffee], Coffee));

        var members = menu.Find("[data-test=nav] a[data-test=nav-members]");
        Assert.Equal("/members", members.GetAttribute("href"));
    }

    // The app runs in Sandbox mode unless configured otherwise, and so do these tests.
    private IRenderedComponent<NavMenu> Render(UserAccess access, PortalMode mode = PortalMode.Sandbox) =>
        context.Render<NavMenu>(p => p.Add(m => m.Access, access).Add(m => m.Mode, mode));

    private static string[] Entries(IRenderedComponent<NavMenu> menu) =>
        [.. menu.FindAll("[data-test=nav] a").Select(a => a.TextContent.Trim())];
}
