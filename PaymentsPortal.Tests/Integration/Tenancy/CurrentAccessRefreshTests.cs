using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Access.Grants;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Tenancy;

/// <summary>A long-lived circuit re-reads its access: grants show up and end, and it never switches merchant under the page.</summary>
[Trait("Tier", "Integration")]
public sealed class CurrentAccessRefreshTests : IAsyncLifetime
{
    private CoreHost host = default!;
    private Guid demoCoffee;

    public async Task InitializeAsync()
    {
        host = await CoreHost.StartAsync();
        demoCoffee = await host.MerchantIdAsync(DemoData.DemoCoffee);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task RefreshAsync_GrantApprovedThenRevoked_ShowsAndDropsTheElevation()
    {
        await using var scope = host.Services.CreateAsyncScope();
        var current = scope.ServiceProvider.GetRequiredService<CurrentAccess>();
        var viewer = await host.ActorAsync("viewer@demo.local");
        var admin = await host.ActorAsync("admin@demo.local");
        Assert.Equal(MerchantRole.Viewer, (await current.GetAsync(Principal(viewer.UserId))).Current!.Role);

        var id = await GrantSteps.GrantAsync(host.Service<AccessGrantRequests>(), host.Service<AccessGrantDecisions>(), demoCoffee, viewer, admin,
            MerchantRole.Compliance);
        var cached = await current.GetAsync(Principal(viewer.UserId));
        var elevated = await current.RefreshAsync(Principal(viewer.UserId));
        await host.Service<AccessGrantDecisions>().RevokeAsync(demoCoffee, admin, id, "done");
        var back = await current.RefreshAsync(Principal(viewer.UserId));

        Assert.Equal(MerchantRole.Viewer, cached.Current!.Role);
        Assert.Equal(MerchantRole.Compliance, elevated.Current!.Role);
        Assert.Equal((MerchantRole.Viewer, null), (back.Current!.Role, back.Current.Elevation));
        Assert.Same(back, current.Resolved);
    }

    [Fact]
    public async Task RefreshAsync_OpenedMerchantNoLongerOpen_LeavesNoMerchantCurrentInsteadOfSwitching()
    {
        var northwind = await host.MerchantIdAsync(DemoData.Northwind);
        await host.AddMembershipAsync(demoCoffee, "admin@northwind.local", MerchantRole.Viewer);
        var nora = await host.UserAsync("admin@northwind.local");
        await using var scope = host.Services.CreateAsyncScope();
        var current = scope.ServiceProvider.GetRequiredService<CurrentAccess>();
        current.PreferredMerchantId = demoCoffee;
        Assert.Equal(demoCoffee, (await current.GetAsync(Principal(nora.Id))).Current!.MerchantId);

        await using (var db = host.Context(demoCoffee))
        {
            await db.Memberships.Where(m => m.UserId == nora.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.IsDisabled, true));
        }

        var refreshed = await current.RefreshAsync(Principal(nora.Id));

        Assert.Null(refreshed.Current);
        Assert.Equal(northwind, Assert.Single(refreshed.Memberships).MerchantId);
        Assert.Null(scope.ServiceProvider.GetRequiredService<TenantScope>().MerchantId);
        Assert.False(refreshed.Has(Permission.MembersView));
    }

    private static ClaimsPrincipal Principal(Guid userId) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId.ToString())], "test"));
}
