using System.Net;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Merchants;
using PaymentsPortal.Hosting;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Access;

[Trait("Tier", "Integration")]
public sealed class AccessOverHttpTests(PortalAppFixture fixture) : IClassFixture<PortalAppFixture>
{
    [Fact]
    public async Task MerchantSwitch_ToMerchantUserIsNotMemberOf_IsDeniedAndStaysOnOwnMerchant()
    {
        var merchants = await fixture.App.Service<MerchantAdministration>().ListAsync();
        var northwind = merchants.Single(m => m.Name == DemoData.Northwind).Id;
        using var http = new PortalHttp(fixture.App.BaseAddress);
        await http.SignInAsync("admin@demo.local");

        using var response = await http.PostFormAsync("/merchant/switch", new Dictionary<string, string>
        {
            ["merchantId"] = northwind.ToString(),
            ["returnUrl"] = "/members",
            [PortalHttp.AntiforgeryField] = await http.AntiforgeryTokenAsync(),
        });

        // Results.Forbid() under cookie authentication: a browser form post is sent to the access-denied page.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/access-denied", response.Headers.Location?.AbsolutePath);
        Assert.DoesNotContain(http.Cookies.GetAllCookies(), c => c.Name == MerchantCookie.Name);
        using var members = await http.GetAsync("/members");
        var html = await members.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, members.StatusCode);
        Assert.Contains(DemoData.DemoCoffee, html, StringComparison.Ordinal);
        Assert.DoesNotContain("admin@northwind.local", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_Viewer_IsRedirectedToAccessDenied()
    {
        using var http = new PortalHttp(fixture.App.BaseAddress);
        await http.SignInAsync("viewer@demo.local");

        using var response = await http.GetAsync("/members");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/access-denied", response.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task Members_Anonymous_IsRedirectedToSignIn()
    {
        using var http = new PortalHttp(fixture.App.BaseAddress);

        using var response = await http.GetAsync("/members");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task SignIn_WrongPassword_SetsNoAuthCookie()
    {
        using var http = new PortalHttp(fixture.App.BaseAddress);

        using var response = await http.SubmitSignInAsync("viewer@demo.local", "wrong-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(http.Cookies.GetAllCookies(), c => c.Name == "pp.auth");
    }
}
