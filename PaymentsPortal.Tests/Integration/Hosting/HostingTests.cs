using System.Net;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Hosting;

[Trait("Tier", "Integration")]
public sealed class HostingTests(PortalAppFixture fixture) : IClassFixture<PortalAppFixture>
{
    [Fact]
    public async Task HealthLive_Anonymous_Returns200()
    {
        using var http = new PortalHttp(fixture.App.BaseAddress);

        using var response = await http.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task HealthReady_DatabaseUp_ReturnsHealthy()
    {
        using var http = new PortalHttp(fixture.App.BaseAddress);

        using var response = await http.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/health/live")]
    [InlineData("/members")]
    public async Task AnyResponse_CarriesSecurityHeaders(string path)
    {
        using var http = new PortalHttp(fixture.App.BaseAddress);

        using var response = await http.GetAsync(path);

        Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
    }

    [Fact]
    public async Task Logout_SignedInWithoutAntiforgeryToken_Returns400AndKeepsTheSession()
    {
        using var http = new PortalHttp(fixture.App.BaseAddress);
        await http.SignInAsync("viewer@demo.local");

        using var response = await http.PostFormAsync("/account/logout", new Dictionary<string, string> { ["reason"] = "idle" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var home = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task Logout_SignedInWithAntiforgeryToken_SignsOut()
    {
        using var http = new PortalHttp(fixture.App.BaseAddress);
        await http.SignInAsync("viewer@demo.local");

        using var response = await http.PostFormAsync("/account/logout", new Dictionary<string, string>
        {
            [PortalHttp.AntiforgeryField] = await http.AntiforgeryTokenAsync(),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login?reason=signed-out", response.Headers.Location?.OriginalString);
        using var home = await http.GetAsync("/");
        Assert.Equal("/account/login", home.Headers.Location?.AbsolutePath);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";
}
