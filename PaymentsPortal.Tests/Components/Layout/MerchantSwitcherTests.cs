using Bunit;
using PaymentsPortal.Components.Layout;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Components.Layout;

[Trait("Tier", "Component")]
public sealed class MerchantSwitcherTests : IAsyncLifetime
{
    private static readonly MerchantAccess Coffee = new(Guid.NewGuid(), "Demo Coffee Co.", MerchantRole.Admin);
    private static readonly MerchantAccess Books = new(Guid.NewGuid(), "Northwind Books", MerchantRole.Viewer);

    private readonly BunitContext context = MudBunit.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await context.DisposeAsync();

    [Fact]
    public void Render_OneMembership_ShowsTheMerchantWithoutASwitcher()
    {
        var switcher = Render(new UserAccess(Guid.NewGuid(), "Ada", false, false, false, [Coffee], Coffee));

        Assert.Empty(switcher.FindAll("[data-test=merchant-switcher]"));
        Assert.Equal("Demo Coffee Co.", switcher.Find("[data-test=current-merchant]").TextContent.Trim());
    }

    [Fact]
    public void Render_TwoMemberships_ShowsASwitcherNamingTheCurrentMerchant()
    {
        var switcher = Render(new UserAccess(Guid.NewGuid(), "Ada", false, false, false, [Coffee, Books], Books));

        Assert.Single(switcher.FindAll("[data-test=merchant-switcher]"));
        Assert.Contains("Northwind Books", switcher.Find("[data-test=current-merchant]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoCurrentMerchant_RendersNothing()
    {
        var switcher = Render(new UserAccess(Guid.NewGuid(), "Pat", true, false, false, [], null));

        Assert.Empty(switcher.FindAll("[data-test=current-merchant]"));
        Assert.Empty(switcher.FindAll("[data-test=merchant-switcher]"));
    }

    private IRenderedComponent<MerchantSwitcher> Render(UserAccess access) =>
        context.Render<MerchantSwitcher>(p => p.Add(m => m.Access, access));
}
