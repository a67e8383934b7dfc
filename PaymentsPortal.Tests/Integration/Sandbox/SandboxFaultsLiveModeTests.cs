using System.Net;
using System.Text.RegularExpressions;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Sandbox;

/// <summary>The Sandbox faults page does not exist in Live mode, not even for an Admin who may manage gateways.</summary>
[Trait("Tier", "Integration")]
public sealed partial class SandboxFaultsLiveModeTests(LiveModeFixture fixture) : IClassFixture<LiveModeFixture>, IDisposable
{
    private readonly Dictionary<string, string> cookies = new(StringComparer.Ordinal);
    private readonly HttpClient client = new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = fixture.App.BaseAddress };

    [Fact]
    public async Task Admin_OpensSandboxFaults_NotFound()
    {
        await SignInAsync("admin@demo.local");

        using var gateways = await GetAsync("/settings/gateways");
        using var faults = await GetAsync("/sandbox/faults");

        Assert.Equal(HttpStatusCode.OK, gateways.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, faults.StatusCode);
    }

    [Fact]
    public async Task Compliance_OpensSandboxFaults_NotFoundRatherThanDenied()
    {
        // The route does not exist, so nobody learns from an access-denied page that it would for someone else.
        await SignInAsync("compliance@demo.local");

        using var faults = await GetAsync("/sandbox/faults");

        Assert.Equal(HttpStatusCode.NotFound, faults.StatusCode);
    }

    [Theory]
    [InlineData("/sandbox/checkout/stripe/v3.js")]
    [InlineData("/sandbox/checkout/stripe/card-frame")]
    [InlineData("/sandbox/checkout/braintree/hosted-fields.js")]
    public async Task CheckoutStandIns_DoNotExist(string path)
    {
        // Live checkout loads Stripe.js and braintree-web from their vendors; a stand-in must never be reachable instead.
        await SignInAsync("admin@demo.local");

        using var response = await GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("https://js.stripe.com", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_Navigation_HasNoSandboxFaultsEntry()
    {
        await SignInAsync("admin@demo.local");

        using var home = await GetAsync("/");
        var html = await home.Content.ReadAsStringAsync();

        Assert.Contains("data-test=\"nav-gateways\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("nav-sandbox-faults", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-test=\"sandbox-badge\"", html, StringComparison.Ordinal);
    }

    public void Dispose() => client.Dispose();

    private async Task SignInAsync(string email)
    {
        using var form = await GetAsync("/account/login");
        var token = AntiforgeryToken().Match(await form.Content.ReadAsStringAsync());
        Assert.True(token.Success, "The sign-in form carries no antiforgery token.");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = DemoData.Password,
            [PortalHttp.AntiforgeryField] = WebUtility.HtmlDecode(token.Groups["value"].Value),
        });
        using var signIn = await SendAsync(new HttpRequestMessage(HttpMethod.Post, "/account/login") { Content = content });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.True(cookies.ContainsKey("pp.auth"), "Signing in set no session cookie.");
    }

    private Task<HttpResponseMessage> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    // Cookies by hand: HttpClient's cookie container never sends a Secure cookie over http, even to a proxy-trusting loopback.
    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-For", "192.0.2.10");
            if (cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
            }

            var response = await client.SendAsync(request);
            foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = header.Split(';', 2)[0].Split('=', 2);
                cookies[pair[0]] = pair[1];
            }

            return response;
        }
    }

    [GeneratedRegex(@"<input[^>]*name=""__RequestVerificationToken""[^>]*value=""(?<value>[^""]+)""")]
    private static partial Regex AntiforgeryToken();
}
