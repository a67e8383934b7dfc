using System.Net;
using PaymentsPortal.Core.Payments.Links;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Hosting;

/// <summary>
/// What opening the circuit hub to anonymous browsers does and does not change: a customer's page can become interactive,
/// while every other page still sends anonymous visitors to sign in.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class PaymentLinksHostingTests(PortalAppFixture fixture) : IClassFixture<PortalAppFixture>
{
    [Fact]
    public async Task CircuitHub_Anonymous_MayNegotiate()
    {
        using var http = new PortalHttp(fixture.App.BaseAddress);

        using var response = await http.Client.PostAsync(new Uri("/_blazor/negotiate?negotiateVersion=1", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/payment-links")]
    [InlineData("/payments/new")]
    [InlineData("/members")]
    public async Task ProtectedPage_Anonymous_IsStillSentToSignIn(string path)
    {
        using var http = new PortalHttp(fixture.App.BaseAddress);

        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location?.PathAndQuery ?? response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PayPage_Anonymous_IsServedUnderThePortalsSecurityHeaders()
    {
        using var http = new PortalHttp(fixture.App.BaseAddress);

        using var response = await http.GetAsync(PaymentLinkRoutes.PublicPath(PaymentLinkSlug.New()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(PaymentLinkCheckout.NotFound, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("DENY", string.Join(",", response.Headers.GetValues("X-Frame-Options")));
    }
}
