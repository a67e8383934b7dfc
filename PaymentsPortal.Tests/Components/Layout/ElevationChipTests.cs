using Bunit;
using PaymentsPortal.Components.Layout;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Components.Layout;

[Trait("Tier", "Component")]
public sealed class ElevationChipTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Until = new(2026, 3, 1, 17, 45, 0, TimeSpan.Zero);

    private readonly BunitContext context = MudBunit.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await context.DisposeAsync();

    [Fact]
    public void Render_ElevatedMember_ShowsTheTemporaryRoleAndWhenItEnds()
    {
        var coffee = new MerchantAccess(Guid.NewGuid(), "Demo Coffee Co.", MerchantRole.Compliance, new TemporaryElevation(MerchantRole.Viewer, Until));

        var chip = context.Render<ElevationChip>(p => p.Add(c => c.Access, Access(coffee)));

        Assert.Equal("Compliance until 2026-03-01 17:45 UTC", chip.Find("[data-test=elevation-chip]").TextContent.Trim());
    }

    [Fact]
    public void Render_StandingRoleOnly_ShowsNothing()
    {
        var coffee = new MerchantAccess(Guid.NewGuid(), "Demo Coffee Co.", MerchantRole.Compliance);

        var chip = context.Render<ElevationChip>(p => p.Add(c => c.Access, Access(coffee)));

        Assert.Empty(chip.FindAll("[data-test=elevation-chip]"));
    }

    [Fact]
    public void NavMenu_ElevatedViewer_ShowsTheGrantedRolesEntries()
    {
        var coffee = new MerchantAccess(Guid.NewGuid(), "Demo Coffee Co.", MerchantRole.Compliance, new TemporaryElevation(MerchantRole.Viewer, Until));

        var menu = context.Render<NavMenu>(p => p.Add(m => m.Access, Access(coffee)));

        Assert.Contains("Members", menu.FindAll("[data-test=nav] a").Select(a => a.TextContent.Trim()));
    }

    private static UserAccess Access(MerchantAccess current) => new(Guid.NewGuid(), "Vic", false, false, false, [current], current);
}
