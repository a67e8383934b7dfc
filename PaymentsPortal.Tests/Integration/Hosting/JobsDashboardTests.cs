using System.Net;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Hosting;

/// <summary>Hangfire's dashboard is behind the portal's sign-in and open to platform administrators only, never anonymously.</summary>
[Trait("Tier", "Integration")]
public sealed class JobsDashboardTests(PortalAppFixture fixture) : IClassFixture<PortalAppFixture>
{
    [Theory]
    [InlineData("/hangfire")]
    [InlineData("/hangfire/jobs/enqueued")]
    [InlineData("/hangfire/stats")]
    public async Task Dashboard_Anonymous_IsSentToSignIn(string path)
    {
        using var http = new PortalHttp(fixture.App.BaseAddress);

        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location?.PathAndQuery ?? response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("admin@demo.local")]
    [InlineData("compliance@demo.local")]
    public async Task Dashboard_MerchantStaff_IsDenied(string email)
    {
        using var http = new PortalHttp(fixture.App.BaseAddress);
        await http.SignInAsync(email);

        using var response = await http.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/access-denied", response.Headers.Location?.PathAndQuery ?? response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_PlatformAdmin_SeesItWithoutTheConnectionString()
    {
        using var http = new PortalHttp(fixture.App.BaseAddress);
        await http.SignInAsync(DemoData.PlatformAdminEmail);

        using var response = await http.GetAsync("/hangfire/recurring");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("payment-reconciliation", html, StringComparison.Ordinal);
        Assert.DoesNotContain("portal_app", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", html, StringComparison.OrdinalIgnoreCase);
    }
}
