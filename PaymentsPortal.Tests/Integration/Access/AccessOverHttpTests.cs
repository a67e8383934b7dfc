using System.Net;
using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Merchants;
using PaymentsPortal.Core.Tenancy;
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
    public async Task DeniedPage_IsRecordedOnTheMerchantChainWithTheUserAndOrigin()
    {
        using var http = new PortalHttp(fixture.App.BaseAddress);
        await http.SignInAsync("operator@demo.local");
        http.Client.DefaultRequestHeaders.UserAgent.ParseAdd("DeniedAuditTest/1.0");

        using var response = await http.GetAsync("/permissions");

        Assert.Equal("/access-denied", response.Headers.Location?.AbsolutePath);
        var demoCoffee = (await fixture.App.Service<MerchantAdministration>().ListAsync()).Single(m => m.Name == DemoData.DemoCoffee).Id;
        await using var db = CoreHost.CreateContext(fixture.Database.AppConnectionString, new FixedTenantScope(demoCoffee));
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == AuditAction.AccessDenied && e.UserAgent == "DeniedAuditTest/1.0");
        Assert.Equal(("Omar Operator", AuditOutcome.Denied), (entry.ActorName, entry.Outcome));
        Assert.Equal(("resource", "/permissions"), (entry.TargetType, entry.TargetId));
        Assert.Equal("127.0.0.1", entry.IpAddress);
        Assert.Contains("\"role\":\"Operator\"", entry.Details, StringComparison.Ordinal);
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
