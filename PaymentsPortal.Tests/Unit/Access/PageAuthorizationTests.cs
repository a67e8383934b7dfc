using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using PaymentsPortal.Components.Layout;
using PaymentsPortal.Core.Access;

namespace PaymentsPortal.Tests.Unit.Access;

/// <summary>Deny by default: every page declares the permission it needs, or that it is public.</summary>
[Trait("Tier", "Unit")]
public sealed class PageAuthorizationTests
{
    private static readonly IReadOnlyList<Type> Pages =
        [.. typeof(Program).Assembly.GetTypes().Where(t => t.GetCustomAttributes<RouteAttribute>(inherit: false).Any())];

    public static TheoryData<string> PageNames => [.. Pages.Select(p => p.FullName!)];

    [Fact]
    public void Pages_AreFound()
    {
        Assert.True(Pages.Count >= 10, $"Only {Pages.Count} routable components found.");
    }

    [Theory]
    [MemberData(nameof(PageNames))]
    public void Page_DeclaresExactlyOneOfPermissionOrAnonymous(string pageName)
    {
        var page = Pages.Single(p => p.FullName == pageName);
        var requires = page.GetCustomAttribute<RequirePermissionAttribute>(inherit: true) is not null;
        var anonymous = page.GetCustomAttribute<AllowAnonymousAttribute>(inherit: true) is not null;

        Assert.True(requires ^ anonymous, $"{pageName} must declare [RequirePermission] or [AllowAnonymous], not both or neither.");
    }

    [Fact]
    public void NavigationItems_EveryHref_IsAPageRequiringTheItemsPermission()
    {
        foreach (var item in NavigationItems.All)
        {
            var page = Pages.SingleOrDefault(p => p.GetCustomAttributes<RouteAttribute>().Any(r => r.Template == item.Href));
            Assert.True(page is not null, $"No page is routed at {item.Href}.");
            var declared = page.GetCustomAttribute<RequirePermissionAttribute>(inherit: true);
            Assert.True(declared is not null, $"{page.Name} at {item.Href} declares no permission.");
            Assert.Equal(item.Permission, declared.Permission);
        }
    }
}
